import type { FastifyInstance } from 'fastify';
import { featureUnavailable, type PlanLimitsService } from './plan-limits.service.js';

/**
 * Installed right after the auth guard, so it sees `request.auth`: a route marked
 * `config: { limit: 'users' }` (or a plan feature) is refused with 402 before its handler runs when
 * the company's plan does not allow one more. An API token is refused on every route while the plan
 * lacks `apiAccess`, so a downgrade closes the public API without revoking anyone's tokens.
 */
export function installPlanLimitsHook(app: FastifyInstance, limits: PlanLimitsService): void {
  app.addHook('onRequest', async (request) => {
    const auth = request.auth;
    // The session already read the company's plan: without one nothing is limited, so no lookup at all
    // (every API request and creation of a self-hosted or seeded company).
    if (!auth?.user.company.plan) return;
    if (auth.kind === 'apiToken') {
      const { limits: plan } = await limits.planOf(auth.companyId);
      if (!plan.apiAccess) throw featureUnavailable('apiAccess');
    }
    const mark = request.routeOptions.config.limit;
    if (mark) await limits.check(auth.companyId, mark);
  });
}
