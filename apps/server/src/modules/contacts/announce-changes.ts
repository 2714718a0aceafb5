import type { FastifyInstance } from 'fastify';
import type { EventBus } from '../../infra/events.js';

/**
 * Every successful write under /api/contacts/:id tells the company's screens that contact changed.
 * One hook per route plugin instead of a publish in each handler, so a new contact action cannot
 * forget it; contacts are visible to every user of the company, hence the company room.
 */
export function announceContactChanges(app: FastifyInstance, events: EventBus): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 300 || !request.auth) return;
    const contactId = Number((request.params as { id?: unknown } | undefined)?.id);
    if (!request.url.startsWith('/api/contacts/') || !Number.isSafeInteger(contactId) || contactId <= 0) return;
    events.publish('contact.changed', { companyId: request.auth.companyId, contactId });
  });
}
