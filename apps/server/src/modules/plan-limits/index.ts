import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Queryable } from '../../infra/db/index.js';
import { installPlanLimitsHook } from './plan-limits.hook.js';
import { isPaused, registerPlanJobs, type PlanJobs, type PlanJobsDeps } from './plan-limits.jobs.js';
import { PlanLimitsService } from './plan-limits.service.js';
import { UsageCounter } from './usage-counter.js';
import { usageRoutes } from './usage.routes.js';

export type { PlanJobs } from './plan-limits.jobs.js';

/**
 * The SaaS plan rules (docs/plans-and-limits.md), only built when SAAS=on. Wired in three steps
 * because their places in app.ts differ: the counters and the pause check go to the message writers
 * and workers built first; the hook goes right after the auth guard; routes and jobs at the end.
 */
export function createPlanLimits(pool: pg.Pool) {
  const service = new PlanLimitsService(pool);
  return {
    service,
    usage: new UsageCounter(),
    /** Whether a company's sends and automation are held (read-only or suspended). */
    paused: (q: Queryable, companyId: number) => isPaused(q, companyId),
    installHook(http: FastifyInstance): void {
      installPlanLimitsHook(http, service);
    },
    async register(http: FastifyInstance, deps: Omit<PlanJobsDeps, 'pool'>): Promise<PlanJobs> {
      await http.register(usageRoutes, { limits: service });
      return registerPlanJobs({ pool, ...deps });
    },
  };
}
