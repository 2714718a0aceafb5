/**
 * Portuguese (Brazil) is the source dictionary: its shape is the type every other language must
 * match (see en.ts), so a key added here and forgotten elsewhere fails the build.
 */
import { teamChatPtBR } from '../../features/team-chat/i18n.js';
import { connectionsPtBR } from '../../features/connections/i18n.js';
import { contactsPtBR } from '../../features/contacts/i18n.js';
import { contactImportPtBR } from '../../features/contacts/import/i18n.js';
import { contactExtrasPtBR } from '../../features/contacts/extrasI18n.js';
import { surveysPtBR } from '../../features/surveys/i18n.js';
import { queuesPtBR } from '../../features/queues/i18n.js';
import { settingsPtBR } from '../../features/settings/i18n.js';
import { integrationsPtBR } from '../../features/integrations/i18n.js';
import { apiTokensPtBR } from '../../features/api-tokens/i18n.js';
import { leadHooksPtBR } from '../../features/lead-hooks/i18n.js';
import { aiAssistPtBR } from '../../features/ai-assist/i18n.js';
import { typebotPtBR } from '../../features/typebot/i18n.js';
import { searchPtBR } from '../../features/search/i18n.js';
import { scheduledPtBR } from '../../features/scheduled/i18n.js';
import { notesPtBR } from '../../features/notes/i18n.js';
import { quickResponsesPtBR } from '../../features/quick-responses/i18n.js';
import { ticketsPtBR } from '../../features/tickets/i18n.js';
import { tagsPtBR } from '../../features/tags/i18n.js';
import { webhooksPtBR } from '../../features/webhooks/i18n.js';
import { announcementsPtBR } from '../../features/announcements/i18n.js';
import { onboardingPtBR } from '../../features/onboarding/i18n.js';
import { usagePtBR } from '../../features/usage/i18n.js';
import { trialPtBR } from '../../features/trial/i18n.js';
import { platformPtBR } from '../../features/platform/i18n.js';
import { flowsPtBR } from '../../features/flows/i18n.js';
import { flowSimulatorPtBR } from '../../features/flows/simulator/i18n.js';
import { flowRunsPtBR } from '../../features/flow-runs/i18n.js';
import { timelinePtBR } from '../../features/tickets/timelineI18n.js';
import { reportsPtBR } from '../../features/reports/i18n.js';
import { signupPtBR } from '../../features/signup/i18n.js';
import { errorsPtBR, fieldErrorsPtBR } from './errors.js';
import { billingPtBR } from '../../features/billing/i18n.js';

export const ptBR = {
  // Feature dictionaries live beside their features.
  tickets: ticketsPtBR,
  timeline: timelinePtBR,
  connections: connectionsPtBR,
  contacts: contactsPtBR,
  contactImport: contactImportPtBR,
  contactExtras: contactExtrasPtBR,
  surveys: surveysPtBR,
  queues: queuesPtBR,
  settings: settingsPtBR,
  integrations: integrationsPtBR,
  apiTokens: apiTokensPtBR,
  leadHooks: leadHooksPtBR,
  aiAssist: aiAssistPtBR,
  typebot: typebotPtBR,
  scheduled: scheduledPtBR,
  notes: notesPtBR,
  search: searchPtBR,
  tags: tagsPtBR,
  webhooks: webhooksPtBR,
  announcements: announcementsPtBR,
  onboarding: onboardingPtBR,
  usage: usagePtBR,
  trial: trialPtBR,
  platform: platformPtBR,
  flows: flowsPtBR,
  flowSimulator: flowSimulatorPtBR,
  flowRuns: flowRunsPtBR,
  quickResponses: quickResponsesPtBR,
  teamChat: teamChatPtBR,
  reports: reportsPtBR,
  billing: billingPtBR,
  signup: signupPtBR,
  app: {
    name: 'Jimmy Chat',
    tagline: 'Atendimento pelo WhatsApp, em equipe.',
    loading: 'Carregando…',
  },
  language: {
    'pt-BR': 'Português',
    en: 'English',
    switchTo: 'Mudar idioma para English',
  },
  login: {
    title: 'Entrar na sua conta',
    subtitle: 'Use o e-mail e a senha que o administrador da sua empresa criou para você.',
    email: 'E-mail',
    emailPlaceholder: 'voce@empresa.com.br',
    password: 'Senha',
    passwordPlaceholder: 'Sua senha',
    submit: 'Entrar',
    invalidCredentials: 'E-mail ou senha incorretos. Confira e tente de novo.',
    rateLimited: 'Muitas tentativas. Tente novamente em {{seconds}} segundos.',
    rateLimitedNoWait: 'Muitas tentativas. Aguarde um pouco e tente novamente.',
    sessionExpired: 'Sua sessão expirou. Entre novamente.',
    sessionRevoked: 'Sua sessão foi encerrada. Entre novamente.',
    sidePitch:
      'Toda a equipe atendendo no mesmo número de WhatsApp e no chat do site, com transferência entre filas e o histórico de cada cliente.',
  },
  validation: {
    required: 'Campo obrigatório.',
    email: 'Informe um e-mail válido.',
    passwordMin: 'A senha precisa ter pelo menos 8 caracteres.',
    passwordMismatch: 'As senhas não coincidem.',
  },
  errors: errorsPtBR,
  fieldErrors: fieldErrorsPtBR,
  nav: {
    tickets: 'Atendimentos',
    contacts: 'Contatos',
    scheduled: 'Agendamentos',
    kanban: 'Kanban',
    tags: 'Etiquetas',
    quickResponses: 'Respostas rápidas',
    connections: 'Conexões',
    users: 'Usuários',
    queues: 'Filas',
    flows: 'Fluxos',
    announcements: 'Comunicados',
    platform: 'Plataforma',
    reports: 'Relatórios',
    integrations: 'Integrações',
    settings: 'Configurações',
    usage: 'Plano e uso',
    chat: 'Chat interno',
    billing: 'Assinatura',
    platformInvoices: 'Faturas (plataforma)',
    collapse: 'Recolher menu',
    expand: 'Expandir menu',
    toggleMobile: 'Abrir ou fechar o menu',
  },
  realtime: {
    connected: 'Conectado',
    connecting: 'Conectando…',
    reconnecting: 'Reconectando…',
    connectedHint: 'Atualizações em tempo real ativas.',
    reconnectingBanner: 'Reconectando… As atualizações em tempo real voltam assim que a conexão for restabelecida.',
  },
  userMenu: {
    open: 'Menu do usuário',
    profile: 'Perfil',
    changePassword: 'Alterar senha',
    language: 'Mudar para {{language}}',
    themeDark: 'Tema escuro',
    themeLight: 'Tema claro',
    notificationsOn: 'Notificações ativadas',
    notificationsOff: 'Notificações desativadas',
    logout: 'Sair',
  },
  profile: {
    title: 'Seu perfil',
    name: 'Nome',
    email: 'E-mail',
    emailHint: 'Peça a um administrador para mudar o seu e-mail.',
    save: 'Salvar',
    saved: 'Perfil atualizado.',
    preferencesFailed: 'Não foi possível salvar sua preferência no servidor.',
  },
  password: {
    title: 'Alterar senha',
    current: 'Senha atual',
    new: 'Nova senha',
    confirm: 'Confirmar nova senha',
    newHint: 'Pelo menos 8 caracteres.',
    submit: 'Alterar senha',
    changed: 'Senha alterada.',
  },
  common: {
    cancel: 'Cancelar',
    save: 'Salvar',
    retry: 'Tentar novamente',
    close: 'Fechar',
    goHome: 'Ir para o início',
    error: 'Erro',
    success: 'Pronto',
    copy: 'Copiar',
    copied: 'Copiado',
  },
  roles: {
    super_admin: 'Super admin',
    admin: 'Administrador',
    supervisor: 'Supervisor',
    agent: 'Atendente',
  },
  users: {
    title: 'Usuários',
    subtitle: 'Quem da sua equipe pode entrar no Jimmy Chat e o que cada um pode fazer.',
    new: 'Novo usuário',
    search: 'Buscar por nome ou e-mail',
    colName: 'Nome',
    colEmail: 'E-mail',
    colRole: 'Papel',
    colStatus: 'Status',
    colLastLogin: 'Último acesso',
    colActions: 'Ações',
    active: 'Ativo',
    inactive: 'Inativo',
    never: 'Nunca',
    you: 'você',
    edit: 'Editar',
    resetPassword: 'Redefinir senha',
    emptyTitle: 'Nenhum usuário ainda',
    emptyText: 'Clique em "Novo usuário" para cadastrar os atendentes e supervisores da sua equipe.',
    noMatch: 'Nenhum usuário corresponde à busca.',
    loadFailed: 'Não foi possível carregar os usuários.',
    createTitle: 'Novo usuário',
    editTitle: 'Editar usuário',
    name: 'Nome',
    email: 'E-mail',
    password: 'Senha inicial',
    passwordHint: 'Pelo menos 8 caracteres. A pessoa pode trocá-la depois.',
    role: 'Papel',
    roleHint: 'Administradores gerenciam tudo; supervisores acompanham a equipe; atendentes atendem.',
    activeLabel: 'Usuário ativo',
    activeHint: 'Usuários inativos não conseguem entrar.',
    maxOpenTickets: 'Máximo de conversas abertas (vazio = sem limite)',
    maxOpenTicketsHint: 'A distribuição automática das filas não passa deste número de conversas em atendimento.',
    maxOpenTicketsInvalid: 'Use um número inteiro de 1 a 1000, ou deixe vazio.',
    selfRoleHint: 'Você não pode mudar o seu próprio papel.',
    selfActiveHint: 'Você não pode desativar a si mesmo.',
    create: 'Criar usuário',
    created: 'Usuário {{name}} criado.',
    updated: 'Usuário {{name}} atualizado.',
    resetTitle: 'Redefinir senha de {{name}}',
    resetText: 'A pessoa passará a entrar com esta nova senha.',
    newPassword: 'Nova senha',
    resetSubmit: 'Redefinir senha',
    resetDone: 'Senha de {{name}} redefinida.',
  },
  noPermission: {
    title: 'Sem permissão',
    text: 'Seu papel não dá acesso a esta página. Fale com um administrador da sua empresa se precisar dela.',
  },
  notFound: {
    title: 'Página não encontrada',
    text: 'O endereço que você abriu não existe ou foi movido.',
  },
} as const;
