import type pg from 'pg';
import type { Plan } from '@jimmy/contracts';
import { PlansRepository } from '../plans/index.js';

/**
 * The plans the pricing section shows: the public, unarchived rows of the `plans` table, edited in the
 * platform admin. SITE_PLANS below is only the stand-in for an install whose plans table is still empty
 * (SAAS=off, or tests that never seeded it). Prices are in centavos so nothing here is a float.
 */
export interface SitePlan {
  key: string;
  /** The plans table's id, which the sign-up link carries; absent on the built-in stand-in list. */
  id?: number;
  name: { 'pt-BR': string; en: string };
  priceCents: number;
  trialDays: number;
  /** null: no limit. */
  users: number | null;
  connections: number | null;
  highlighted?: boolean;
  features: { 'pt-BR': string[]; en: string[] };
}

const SITE_PLANS: SitePlan[] = [
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

const FEATURE_WORDS = {
  'pt-BR': { messages: 'mensagens por mês', unlimitedMessages: 'Mensagens sem limite', api: 'API e webhooks', chat: 'Chat interno' },
  en: { messages: 'messages a month', unlimitedMessages: 'Unlimited messages', api: 'API and webhooks', chat: 'Internal chat' },
} as const;

function sitePlanOf(plan: Plan, index: number, count: number): SitePlan {
  const features = (lang: 'pt-BR' | 'en') => {
    const words = FEATURE_WORDS[lang];
    const list: string[] = [
      plan.limits.messagesPerMonth === null
        ? words.unlimitedMessages
        : `${new Intl.NumberFormat(lang).format(plan.limits.messagesPerMonth)} ${words.messages}`,
    ];
    if (plan.limits.internalChat) list.push(words.chat);
    if (plan.limits.apiAccess) list.push(words.api);
    return list;
  };
  return {
    key: `plan-${plan.id}`,
    id: plan.id,
    name: { 'pt-BR': plan.name, en: plan.name },
    priceCents: plan.priceCents,
    trialDays: plan.trialDays,
    users: plan.limits.users,
    connections: plan.limits.connections,
    // The middle card of three or more stands out, as in the stand-in.
    ...(count >= 3 && index === 1 && { highlighted: true }),
    features: { 'pt-BR': features('pt-BR'), en: features('en') },
  };
}

/**
 * The pricing's plans, read from the database: rendering stays synchronous and cached, and `version`
 * changes whenever the list does (the page cache is keyed by it). Each visit asks only for the plans
 * table's stamp (row count and last change), so a platform admin's edit shows up on the next visit.
 */
export class SitePlans {
  private plans: SitePlan[] = SITE_PLANS;
  private stamp = '';
  private loading: Promise<void> | null = null;
  version = 0;
  private readonly repo: PlansRepository;

  constructor(private readonly pool: pg.Pool) {
    this.repo = new PlansRepository(pool);
  }

  current(): SitePlan[] {
    return this.plans;
  }

  /** Re-reads the plans when the table changed since the last read; concurrent callers share one read. */
  async refresh(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const { rows } = await this.pool.query<{ stamp: string }>(
          `select count(*)::text || '|' || coalesce(max(updated_at)::text, '') as stamp from plans`,
        );
        const stamp = rows[0]?.stamp ?? '';
        if (stamp === this.stamp) return;
        const all = await this.repo.list({ includeArchived: true });
        const shown = all.length === 0 ? SITE_PLANS : (await this.repo.listPublic()).map((p, i, list) => sitePlanOf(p, i, list.length));
        this.stamp = stamp;
        if (JSON.stringify(shown) !== JSON.stringify(this.plans)) {
          this.plans = shown;
          this.version += 1;
        }
      } finally {
        this.loading = null;
      }
    })();
    await this.loading;
  }
}
