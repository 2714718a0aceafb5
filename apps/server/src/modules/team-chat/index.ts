import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Role } from '@jimmy/contracts';
import type { EventBus } from '../../infra/events.js';
import { Late } from '../../infra/late.js';
import type { Logger } from '../../infra/logger.js';
import type { Storage } from '../../infra/storage.js';
import type { Gateway } from '../../realtime/gateway.js';
import type { Viewer } from '../tickets/index.js';
import { TeamChatRepository } from './team-chat.repository.js';
import { attachTeamChatRealtime, onlineUserIdsOf } from './team-chat.realtime.js';
import { teamChatRoutes } from './team-chat.routes.js';
import { TeamChatService } from './team-chat.service.js';

export interface TeamChatModuleDeps {
  pool: pg.Pool;
  events: EventBus;
  storage: Storage;
  logger: Logger;
  viewerOf: (reader: { companyId: number; userId: number; role: Role }) => Promise<Viewer>;
}

/**
 * The internal chat (docs/team-chat.md): routes now, sockets once the gateway runs
 * (`attachRealtime(gateway.io)`, called right after `startGateway`).
 */
export async function registerTeamChat(http: FastifyInstance, deps: TeamChatModuleDeps) {
  const repo = new TeamChatRepository(deps.pool);
  const io = new Late<Gateway['io']>('team chat realtime');
  const chat = new TeamChatService({
    repo,
    events: deps.events,
    storage: deps.storage,
    viewerOf: deps.viewerOf,
    onlineUserIds: (companyId) => onlineUserIdsOf(io.get(), companyId),
  });
  await http.register(teamChatRoutes, { chat });
  let realtime: { stop(): void } | undefined;
  return {
    chat,
    attachRealtime(server: Gateway['io']) {
      io.bind(server);
      realtime = attachTeamChatRealtime(server, { events: deps.events, chat, repo, logger: deps.logger });
    },
    stop() {
      realtime?.stop();
    },
  };
}
