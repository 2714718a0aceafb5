import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the trial and read-only banners; pt-BR is the source shape, en must match it. */
export const trialPtBR = {
  endsIn_one: 'Seu teste grátis termina em {{count}} dia.',
  endsIn_other: 'Seu teste grátis termina em {{count}} dias.',
  endsToday: 'Seu teste grátis termina hoje.',
  subscribe: 'Assinar',
  readOnly:
    'Sua conta está somente leitura: você pode ver tudo, mas não enviar nem alterar nada. As mensagens dos clientes continuam chegando e ficam guardadas.',
  readOnlyAgent: 'Peça a um administrador para assinar um plano.',
  subscribePlan: 'Assinar um plano',
};

export const trialEn: Dictionary<typeof trialPtBR> = {
  endsIn_one: 'Your free trial ends in {{count}} day.',
  endsIn_other: 'Your free trial ends in {{count}} days.',
  endsToday: 'Your free trial ends today.',
  subscribe: 'Subscribe',
  readOnly:
    "Your account is read-only: you can see everything, but not send or change anything. Customers' messages keep arriving and are kept.",
  readOnlyAgent: 'Ask an administrator to subscribe to a plan.',
  subscribePlan: 'Subscribe to a plan',
};
