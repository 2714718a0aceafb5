import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the usage page (Plano e uso); pt-BR is the source shape, en must match it. */
export const usagePtBR = {
  title: 'Plano e uso',
  subtitle: 'Quanto do seu plano a empresa já usa. Mensagens contam as enviadas no mês corrente.',
  loading: 'Carregando o uso…',
  plan: 'Plano',
  noPlan: 'Sem plano: nada é limitado.',
  upgrade: 'Fazer upgrade',
  unlimited: '{{used}} (sem limite)',
  ofLimit: '{{used}} de {{limit}}',
  nearLimit: 'Perto do limite do plano.',
  atLimit: 'Limite do plano atingido: faça upgrade para criar mais.',
  features: 'Recursos do plano',
  included: 'Incluído',
  notIncluded: 'Não incluído',
  trialEnds: 'Teste grátis até {{date}}',
  status: {
    trial: 'Teste grátis',
    active: 'Ativa',
    read_only: 'Somente leitura',
    suspended: 'Suspensa',
  },
  resources: {
    users: 'Usuários',
    connections: 'Conexões',
    queues: 'Filas',
    flows: 'Fluxos',
    messagesPerMonth: 'Mensagens enviadas no mês',
  },
  featureNames: {
    apiAccess: 'API e tokens de integração',
    internalChat: 'Chat interno e comunicados',
  },
  /** PLAN_LIMIT_REACHED with the server's details. */
  limitReached: 'Seu plano permite {{limit}} em {{resource}} e a empresa já usa {{used}}. Faça upgrade em Plano e uso para criar mais.',
};

export const usageEn: Dictionary<typeof usagePtBR> = {
  title: 'Plan and usage',
  subtitle: 'How much of your plan the company uses. Messages count those sent in the current month.',
  loading: 'Loading usage…',
  plan: 'Plan',
  noPlan: 'No plan: nothing is limited.',
  upgrade: 'Upgrade',
  unlimited: '{{used}} (no limit)',
  ofLimit: '{{used}} of {{limit}}',
  nearLimit: 'Close to the plan limit.',
  atLimit: 'Plan limit reached: upgrade to create more.',
  features: 'Plan features',
  included: 'Included',
  notIncluded: 'Not included',
  trialEnds: 'Free trial until {{date}}',
  status: {
    trial: 'Free trial',
    active: 'Active',
    read_only: 'Read-only',
    suspended: 'Suspended',
  },
  resources: {
    users: 'Users',
    connections: 'Connections',
    queues: 'Queues',
    flows: 'Flows',
    messagesPerMonth: 'Messages sent this month',
  },
  featureNames: {
    apiAccess: 'API and integration tokens',
    internalChat: 'Internal chat and announcements',
  },
  limitReached:
    'Your plan allows {{limit}} for {{resource}} and the company already uses {{used}}. Upgrade in Plan and usage to create more.',
};
