import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';
import { attachAnnouncementsRealtime } from './announcements.realtime.js';
import { announcementsRoutes } from './announcements.routes.js';
import { AnnouncementsService } from './announcements.service.js';

/**
 * Announcements (Comunicados), wired in one call: the routes now, the socket emits once the gateway
 * exists (`attachRealtime(gateway.io)`, after startGateway).
 */
export async function registerAnnouncements(
  http: FastifyInstance,
  deps: { pool: pg.Pool; events: EventBus },
): Promise<{ attachRealtime(io: Parameters<typeof attachAnnouncementsRealtime>[0]): void; stop(): void }> {
  await http.register(announcementsRoutes, { announcements: new AnnouncementsService(deps) });
  const detach: (() => void)[] = [];
  return {
    attachRealtime(io) {
      detach.push(attachAnnouncementsRealtime(io, deps.events));
    },
    stop() {
      for (const off of detach.splice(0)) off();
    },
  };
}
