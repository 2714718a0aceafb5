import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the Integrações page shell; each tab keeps its own strings next to it. */
export const integrationsPtBR = {
  title: 'Integrações',
  subtitle: 'Conecte o Jimmy Chat aos sistemas da sua empresa: inteligência artificial, API, webhooks e formulários.',
  tabs: {
    ai: 'IA',
    webhooks: 'Webhooks',
    api: 'API',
    leads: 'Formulários',
    typebot: 'Typebot',
  },
};

export const integrationsEn: Dictionary<typeof integrationsPtBR> = {
  title: 'Integrations',
  subtitle: "Connect Jimmy Chat to your company's systems: artificial intelligence, API, webhooks and forms.",
  tabs: {
    ai: 'AI',
    webhooks: 'Webhooks',
    api: 'API',
    leads: 'Forms',
    typebot: 'Typebot',
  },
};
