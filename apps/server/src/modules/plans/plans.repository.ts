import { planLimitsSchema, type Plan, type PlanLimits } from '@jimmy/contracts';
import type pg from 'pg';

interface PlanRow {
  id: string | number;
  name: string;
  price_cents: number;
  trial_days: number;
  limits: unknown;
  public: boolean;
  archived: boolean;
  sort_order: number;
}

const columns = 'id, name, price_cents, trial_days, limits, public, archived, sort_order';

function toPlan(row: PlanRow): Plan {
  return {
    id: Number(row.id),
    name: row.name,
    priceCents: row.price_cents,
    trialDays: row.trial_days,
    // Stored rows were validated on write; parsing again keeps a hand-edited row from leaking odd shapes.
    limits: planLimitsSchema.parse(row.limits),
    public: row.public,
    archived: row.archived,
    sortOrder: row.sort_order,
  };
}

/**
 * The plans on a new SaaS install, so the site's pricing and sign-up work before the operator edits
 * them in the platform admin. Prices in centavos.
 */
const DEFAULT_PLANS: { name: string; priceCents: number; limits: PlanLimits }[] = [
  {
    name: 'Start',
    priceCents: 14_900,
    limits: { users: 3, connections: 1, queues: 3, flows: 1, messagesPerMonth: 3_000, apiAccess: false, internalChat: false },
  },
  {
    name: 'Equipe',
    priceCents: 29_900,
    limits: { users: 10, connections: 3, queues: 10, flows: 10, messagesPerMonth: 20_000, apiAccess: false, internalChat: true },
  },
  {
    name: 'Empresa',
    priceCents: 59_900,
    limits: { users: 30, connections: 8, queues: null, flows: null, messagesPerMonth: 100_000, apiAccess: true, internalChat: true },
  },
];

/** Plans are platform rows (no company_id): every company reads them, only the platform admin writes them. */
export class PlansRepository {
  constructor(private readonly pool: pg.Pool) {}

  async list(options: { includeArchived?: boolean } = {}): Promise<Plan[]> {
    const { rows } = await this.pool.query<PlanRow>(
      `select ${columns} from plans ${options.includeArchived ? '' : 'where not archived'} order by sort_order, price_cents, id`,
    );
    return rows.map(toPlan);
  }

  /** What the public site and sign-up offer. */
  async listPublic(): Promise<Plan[]> {
    const { rows } = await this.pool.query<PlanRow>(
      `select ${columns} from plans where public and not archived order by sort_order, price_cents, id`,
    );
    return rows.map(toPlan);
  }

  async get(id: number): Promise<Plan | undefined> {
    const { rows } = await this.pool.query<PlanRow>(`select ${columns} from plans where id = $1`, [id]);
    return rows[0] && toPlan(rows[0]);
  }

  /** First start of a SaaS install: the default plans, once; an operator's later edits are never undone. */
  async seedDefaults(): Promise<boolean> {
    const { rows } = await this.pool.query<{ n: string }>('select count(*) as n from plans');
    if (Number(rows[0]?.n ?? 0) > 0) return false;
    for (const [index, plan] of DEFAULT_PLANS.entries()) {
      await this.pool.query('insert into plans (name, price_cents, trial_days, limits, sort_order) values ($1, $2, 7, $3, $4)', [
        plan.name,
        plan.priceCents,
        JSON.stringify(plan.limits),
        index,
      ]);
    }
    return true;
  }
}
