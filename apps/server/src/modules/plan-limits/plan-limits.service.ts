import {
  limitedResources,
  planFeatures,
  planLimitsSchema,
  saasErrorCodes,
  unlimitedPlanLimits,
  type CompanyStatus,
  type LimitedResource,
  type PlanFeature,
  type PlanLimits,
  type UsageResponse,
} from '@jimmy/contracts';
import type pg from 'pg';
import type { Queryable } from '../../infra/db/index.js';
import { DomainError } from '../../infra/errors.js';
import { currentMonth } from './usage-counter.js';

interface CompanyPlanRow {
  status: CompanyStatus;
  trial_ends_at: Date | null;
  plan_id: string | number | null;
  plan_name: string | null;
  limits: unknown;
}

export interface CompanyPlan {
  status: CompanyStatus;
  trialEndsAt: Date | null;
  plan: { id: number; name: string } | null;
  limits: PlanLimits;
}

const isFeature = (mark: LimitedResource | PlanFeature): mark is PlanFeature => (planFeatures as readonly string[]).includes(mark);

/** What a refusal names the resource as, in English (the console shows its own pt-BR/en text from the code). */
const resourceNames: Record<LimitedResource, string> = {
  users: 'users',
  connections: 'connections',
  queues: 'queues',
  flows: 'flows',
  messagesPerMonth: 'messages per month',
};
const featureNames: Record<PlanFeature, string> = { apiAccess: 'API access', internalChat: 'internal chat' };

/**
 * Counts how much of each limited resource a company uses, and refuses a creation over its plan.
 * The count is read just before the handler runs (no lock): two creations racing at the very limit
 * may both pass, which a plan's limit tolerates better than a lock on every create would cost.
 */
export class PlanLimitsService {
  constructor(private readonly pool: pg.Pool) {}

  /** The company's standing and its plan's limits; a company without a plan is limited by nothing. */
  async planOf(companyId: number, q: Queryable = this.pool): Promise<CompanyPlan> {
    const { rows } = await q.query<CompanyPlanRow>(
      `select c.status, c.trial_ends_at, c.plan_id, p.name as plan_name, p.limits
         from companies c left join plans p on p.id = c.plan_id
        where c.id = $1`,
      [companyId],
    );
    const row = rows[0];
    if (!row) return { status: 'active', trialEndsAt: null, plan: null, limits: unlimitedPlanLimits };
    // A hand-edited plan row that no longer validates must not lock a paying company out: no limits then.
    const parsed = row.plan_id === null ? null : planLimitsSchema.safeParse(row.limits);
    return {
      status: row.status,
      trialEndsAt: row.trial_ends_at,
      plan: row.plan_id === null ? null : { id: Number(row.plan_id), name: row.plan_name ?? '' },
      limits: parsed?.success ? parsed.data : unlimitedPlanLimits,
    };
  }

  /** How much of `resource` the company uses now. */
  async used(companyId: number, resource: LimitedResource, q: Queryable = this.pool): Promise<number> {
    const text: Record<LimitedResource, string> = {
      // Pending invitations hold a seat: an invited user who accepts must not push the company over its plan.
      users: `select count(*)::int as n from users u
               where u.company_id = $1 and (u.active or exists (
                 select 1 from account_tokens t
                  where t.company_id = u.company_id and t.user_id = u.id and t.kind = 'invite' and t.used_at is null and t.expires_at > now()))`,
      connections: 'select count(*)::int as n from connections where company_id = $1 and deleted_at is null',
      queues: 'select count(*)::int as n from queues where company_id = $1',
      flows: 'select count(*)::int as n from flows where company_id = $1',
      messagesPerMonth: 'select coalesce(sum(messages_out), 0)::int as n from usage_monthly where company_id = $1 and month = $2',
    };
    const values = resource === 'messagesPerMonth' ? [companyId, currentMonth()] : [companyId];
    const { rows } = await q.query<{ n: number }>(text[resource], values);
    return Number(rows[0]?.n ?? 0);
  }

  /** Throws 402 PLAN_LIMIT_REACHED / PLAN_FEATURE_UNAVAILABLE when the plan does not allow one more. */
  async check(companyId: number, mark: LimitedResource | PlanFeature): Promise<void> {
    const { limits } = await this.planOf(companyId);
    if (isFeature(mark)) {
      if (!limits[mark]) throw featureUnavailable(mark);
      return;
    }
    const limit = limits[mark];
    if (limit === null) return;
    const used = await this.used(companyId, mark);
    if (used >= limit) {
      throw new DomainError(
        saasErrorCodes.limitReached,
        `Your plan allows ${limit} ${resourceNames[mark]}; you use ${used}. Upgrade the plan to add more.`,
        402,
        undefined,
        { resource: mark, limit, used },
      );
    }
  }

  /** GET /api/usage. */
  async usage(companyId: number): Promise<UsageResponse> {
    const plan = await this.planOf(companyId);
    const items = [];
    for (const resource of limitedResources) {
      items.push({ resource, used: await this.used(companyId, resource), limit: plan.limits[resource] });
    }
    return {
      plan: plan.plan,
      status: plan.status,
      trialEndsAt: plan.trialEndsAt?.toISOString() ?? null,
      month: currentMonth(),
      items,
      features: { apiAccess: plan.limits.apiAccess, internalChat: plan.limits.internalChat },
    };
  }
}

export function featureUnavailable(feature: PlanFeature): DomainError {
  return new DomainError(
    saasErrorCodes.featureNotInPlan,
    `Your plan does not include ${featureNames[feature]}. Upgrade the plan to use it.`,
    402,
    undefined,
    { feature },
  );
}
