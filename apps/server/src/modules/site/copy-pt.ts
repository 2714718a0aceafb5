import type { Copy } from './copy-shape.js';

export const copyPt: Copy = {
  meta: {
    homeTitle: 'Jimmy Chat — atendimento pelo WhatsApp para toda a sua equipe',
    homeDescription:
      'Um número de WhatsApp, vários atendentes: filas, chatbot de fluxo, respostas rápidas, pesquisa de satisfação, relatórios e API. Teste grátis por 7 dias.',
    privacyTitle: 'Política de privacidade — Jimmy Chat',
    cookiesTitle: 'Política de cookies — Jimmy Chat',
    sentTitle: 'Mensagem enviada — Jimmy Chat',
  },
  nav: {
    skip: 'Pular para o conteúdo',
    homeLabel: 'Jimmy Chat, página inicial',
    label: 'Principal',
    features: 'Recursos',
    pricing: 'Preços',
    contact: 'Contato',
    otherLanguage: 'English',
    signIn: 'Entrar',
  },
  hero: {
    eyebrow: 'Central de atendimento para WhatsApp',
    title: 'Toda a sua equipe atendendo no mesmo WhatsApp, sem perder nenhuma conversa',
    lead: 'O Jimmy Chat distribui cada cliente para a fila certa, responde fora do expediente, guarda o histórico completo e mostra ao gestor como o atendimento está indo — tudo no navegador, sem instalar nada.',
    trial: 'Teste grátis por 7 dias',
    talk: 'Falar com um especialista',
    note: 'Sem cartão de crédito. Cancele quando quiser.',
    shotAlt: 'A caixa de atendimentos do Jimmy Chat com a lista de conversas e uma conversa aberta',
  },
  featuresTitle: 'Tudo o que um atendimento organizado precisa',
  featuresLead: 'Cada recurso abaixo é uma tela real do produto.',
  features: {
    queues: {
      title: 'Filas de atendimento',
      text: 'Vendas, suporte, financeiro: o cliente escolhe no menu e a conversa cai direto para quem cuida daquele assunto.',
    },
    flows: {
      title: 'Chatbot de fluxo',
      text: 'Monte o roteiro do atendimento arrastando blocos: perguntas, botões, condições, chamadas HTTP e a passagem para um humano.',
    },
    quickResponses: {
      title: 'Respostas rápidas',
      text: 'Digite “/” e insira textos prontos, com variáveis como o nome do cliente e até arquivos anexos.',
    },
    tags: {
      title: 'Etiquetas e kanban',
      text: 'Classifique conversas com etiquetas coloridas e acompanhe cada etapa arrastando cartões no quadro.',
    },
    notes: {
      title: 'Notas privadas',
      text: 'Combine detalhes com a equipe dentro da própria conversa. O cliente nunca vê, e você pode mencionar colegas com @.',
    },
    history: {
      title: 'Histórico de atendimento',
      text: 'Cada contato guarda todas as conversas anteriores, com quem atendeu, quando e o que foi combinado.',
    },
    scheduled: {
      title: 'Mensagens agendadas',
      text: 'Deixe lembretes e retornos programados para o dia e a hora certos, inclusive com repetição.',
    },
    hours: {
      title: 'Horário de expediente',
      text: 'Defina os horários de cada fila. Fora deles, o cliente recebe um aviso automático e nada fica sem resposta.',
    },
    survey: {
      title: 'Pesquisa de satisfação',
      text: 'Ao encerrar, o cliente dá uma nota de 1 a 5 e um comentário. Você descobre o que funciona e o que melhorar.',
    },
    teamChat: {
      title: 'Chat interno',
      text: 'Converse com a equipe e publique comunicados sem sair da ferramenta de atendimento.',
    },
    reports: {
      title: 'Relatórios',
      text: 'Volume de atendimentos, tempo de espera e de resolução, notas da pesquisa — por fila, por atendente e por período.',
    },
    api: {
      title: 'API',
      text: 'Envie mensagens e consulte atendimentos a partir do seu sistema com tokens de acesso e documentação aberta.',
    },
    webhooks: {
      title: 'Webhooks',
      text: 'Receba no seu servidor cada mensagem, atendimento e mudança de status, com assinatura para conferir a origem.',
    },
    integrations: {
      title: 'Integrações',
      text: 'Conecte formulários de sites e landing pages, Typebot e assistentes de IA para sugerir respostas.',
    },
  },
  pricing: {
    title: 'Planos simples, em reais',
    lead: 'Todos os planos começam com 7 dias grátis. Troque de plano quando quiser.',
    perMonth: '/mês',
    trial: 'Começar teste grátis',
    popular: 'Mais escolhido',
    users: 'atendentes',
    connections: 'conexões de WhatsApp',
    note: 'Valores mensais. Precisa de mais atendentes ou conexões? Fale com a gente.',
  },
  contact: {
    title: 'Prefere conversar antes?',
    lead: 'Deixe seu WhatsApp e um especialista chama você para mostrar o Jimmy Chat funcionando na sua operação.',
    name: 'Seu nome',
    whatsapp: 'WhatsApp',
    whatsappHint: 'Com DDD, por exemplo (11) 98765-4321.',
    company: 'Empresa',
    message: 'Como podemos ajudar?',
    optional: 'opcional',
    submit: 'Quero ser chamado no WhatsApp',
    sending: 'Enviando…',
    success: 'Enviado com sucesso! Em breve um atendente irá falar com você via WhatsApp',
    errors: {
      name: 'Informe seu nome.',
      whatsapp: 'Informe um número de WhatsApp válido, com DDD.',
      rateLimited: 'Muitas tentativas em pouco tempo. Aguarde um minuto e tente de novo.',
      generic: 'Não foi possível enviar agora. Tente de novo em instantes.',
    },
    privacyNote: 'Usamos seus dados só para responder a este contato.',
    privacyLink: 'Saiba como tratamos seus dados',
  },
  sent: { title: 'Mensagem enviada', back: 'Voltar para a página inicial', failedTitle: 'Não foi possível enviar' },
  footer: {
    tagline: 'Atendimento pelo WhatsApp para equipes',
    label: 'Rodapé',
    privacy: 'Política de privacidade',
    cookies: 'Política de cookies',
    preferences: 'Preferências de cookies',
  },
  consent: {
    title: 'Sua privacidade',
    text: 'Usamos cookies essenciais para o site funcionar. Com a sua permissão, também usaremos cookies de preferências, de estatísticas de visita e de marketing. Você pode mudar de ideia a qualquer momento pelo link “Preferências de cookies” no rodapé.',
    policyLink: 'Política de cookies',
    customizeTitle: 'Escolha as categorias',
    acceptAll: 'Aceitar todos',
    rejectAll: 'Recusar opcionais',
    customize: 'Personalizar',
    save: 'Salvar escolhas',
    categories: {
      essential: { name: 'Essenciais (sempre ativos)', text: 'Guardam sua escolha de cookies e mantêm a sessão de quem entra no painel.' },
      preferences: { name: 'Preferências', text: 'Lembram opções como o idioma para as próximas visitas.' },
      analytics: { name: 'Estatísticas', text: 'Contam visitas e páginas vistas, de forma agregada, para melhorarmos o site.' },
      marketing: { name: 'Marketing', text: 'Medem o resultado de campanhas e anúncios.' },
    },
  },
  policy: { effective: 'Vigente desde', contents: 'Nesta página' },
};
