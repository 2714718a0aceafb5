import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../infra/logger.js';
import type { LeadIntakeDeps } from './lead-intake.js';
import { leadHookPublicRoutes, leadHooksRoutes } from './lead-hooks.routes.js';
import { LeadHooksService } from './lead-hooks.service.js';

/** Inbound lead webhooks: the admin routes and the public POST /hooks/leads/:key, wired in one call from app.ts. */
export async function registerLeadHooks(
  http: FastifyInstance,
  deps: LeadIntakeDeps & { logger: Logger; perMinute?: number },
): Promise<void> {
  const hooks = new LeadHooksService(deps);
  await http.register(leadHooksRoutes, { hooks });
  await http.register(leadHookPublicRoutes, { hooks, perMinute: deps.perMinute ?? 120 });
}
/** The contact half of a lead (found by number in either Brazilian form, tagged): the public site's contact form files through it too. */
export { leadTagIds, tagContact, upsertLeadContact } from './lead-contact.js';
