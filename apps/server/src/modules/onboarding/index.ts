import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';
import { attachOnboardingRealtime, watchOnboarding } from './onboarding.realtime.js';
import { onboardingRoutes } from './onboarding.routes.js';
import { OnboardingService } from './onboarding.service.js';

/**
 * The first-steps checklist (SaaS only: not registered at all when SAAS=off). The routes and the
 * event watchers now; the socket emits once the gateway exists (`attachRealtime(gateway.io)`).
 */
export async function registerOnboarding(
  http: FastifyInstance,
  deps: { pool: pg.Pool; events: EventBus },
): Promise<{ attachRealtime(io: Parameters<typeof attachOnboardingRealtime>[0]): void; stop(): void }> {
  const onboarding = new OnboardingService(deps);
  await http.register(onboardingRoutes, { onboarding });
  const detach = [watchOnboarding(deps.events, onboarding)];
  return {
    attachRealtime(io) {
      detach.push(attachOnboardingRealtime(io, deps.events));
    },
    stop() {
      for (const off of detach.splice(0)) off();
    },
  };
}
