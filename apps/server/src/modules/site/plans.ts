import type pg from 'pg';

/**
 * The plans the pricing section shows. PLACEHOLDER: issue 14 item 4 adds a plans table (name, monthly
 * price in BRL, trial days, limits) edited in the platform admin; when it lands, the site reads that
 * table and this file goes away. Prices are in centavos so nothing here is a float.
 */
interface SitePlan {
  key: string;
  name: { 'pt-BR': string; en: string };
  priceCents: number;
  trialDays: number;
  users: number;
  connections: number;
  highlighted?: boolean;
  features: { 'pt-BR': string[]; en: string[] };
}

export const SITE_PLANS: SitePlan[] = [
  {
    key: 'start',
    name: { 'pt-BR': 'Start', en: 'Start' },
    priceCents: 14900,
    trialDays: 7,
    users: 3,
    connections: 1,
    features: {
      'pt-BR': ['Filas e respostas rápidas', 'Pesquisa de satisfação', 'Histórico completo'],
      en: ['Queues and quick responses', 'Satisfaction survey', 'Full history'],
    },
  },
  {
    key: 'team',
    name: { 'pt-BR': 'Equipe', en: 'Team' },
    priceCents: 29900,
    trialDays: 7,
    users: 10,
    connections: 3,
    highlighted: true,
    features: {
      'pt-BR': ['Tudo do Start', 'Chatbot de fluxo', 'Relatórios e chat interno', 'Mensagens agendadas'],
      en: ['Everything in Start', 'Flow chatbot', 'Reports and internal chat', 'Scheduled messages'],
    },
  },
  {
    key: 'business',
    name: { 'pt-BR': 'Empresa', en: 'Business' },
    priceCents: 59900,
    trialDays: 7,
    users: 30,
    connections: 8,
    features: {
      'pt-BR': ['Tudo do Equipe', 'API e webhooks', 'Integrações com IA e Typebot', 'Suporte prioritário'],
      en: ['Everything in Team', 'API and webhooks', 'AI and Typebot integrations', 'Priority support'],
    },
  },
];

/** BRL as a Brazilian reads it on either language's page: "R$ 149,00". */
export function formatBrl(cents: number): string {
  return new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(cents / 100);
}

/** The sign-up's plan ids by lower-cased name, so each card's button preselects the plan of the same name (SAAS=on). */
export type PlanIds = ReadonlyMap<string, number>;

export async function offeredPlanIds(pool: Pick<pg.Pool, 'query'>): Promise<PlanIds> {
  const { rows } = await pool.query<{ id: string | number; name: string }>('select id, name from plans where public and not archived');
  return new Map(rows.map((r) => [r.name.toLowerCase(), Number(r.id)]));
}
