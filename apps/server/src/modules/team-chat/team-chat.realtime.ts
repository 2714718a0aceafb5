import type { PresenceStatus, Role } from '@jimmy/contracts';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import type { Gateway } from '../../realtime/gateway.js';
import { rooms } from '../tickets/index.js';
import type { TeamChatRepository } from './team-chat.repository.js';
import type { TeamChatService } from './team-chat.service.js';

type Io = Gateway['io'];

/** A client typing sends `chat.typing` often; the others hear it at most this often per conversation. */
const TYPING_THROTTLE_MS = 2000;
/** How long a socket trusts that its user is still a member of a conversation it typed in. */
const MEMBERSHIP_CACHE_MS = 30_000;

export interface TeamChatRealtimeDeps {
  events: EventBus;
  chat: TeamChatService;
  repo: TeamChatRepository;
  logger: Logger;
}

/**
 * The chat's socket side: each member hears messages in their own user room (ticket chips are
 * resolved per member, so one broadcast would not do), typing, read receipts and presence. Rooms
 * reach sockets on every node through the Redis adapter.
 */
export function attachTeamChatRealtime(io: Io, deps: TeamChatRealtimeDeps): { stop(): void } {
  const { events, chat, repo } = deps;
  const log = deps.logger.child({ component: 'team-chat' });
  let stopped = false;

  const readerOf = async (companyId: number, userId: number) => {
    const role = (await repo.roleOf(companyId, userId)) as Role | undefined;
    return role ? { companyId, userId, role } : undefined;
  };
  // Late answers (a database write finishing during shutdown) must not emit on a closed Redis client.
  const presenceChanged = (companyId: number, userId: number, status: PresenceStatus) => {
    if (!stopped) io.to(rooms.company(companyId)).emit('presence.changed', { userId, status });
  };

  const unsubscribers = [
    events.subscribe('chat.message.created', async ({ companyId, conversationId, memberIds, messageId }) => {
      const [first] = memberIds;
      if (first === undefined) return;
      const sample = await readerOf(companyId, first);
      const message = sample && (await chat.messageFor(sample, messageId));
      if (!message || stopped) return;
      if (message.ticketRefs.length === 0) {
        io.to(memberIds.map(rooms.user)).emit('chat.message', { conversationId, message });
        return;
      }
      // Whether a #ticket chip is visible depends on who reads it.
      for (const userId of memberIds) {
        const reader = await readerOf(companyId, userId);
        const own = reader && (await chat.messageFor(reader, messageId));
        if (own && !stopped) io.to(rooms.user(userId)).emit('chat.message', { conversationId, message: own });
      }
    }),
    events.subscribe('chat.read', ({ conversationId, memberIds, userId, messageId, at }) => {
      io.to(memberIds.map(rooms.user)).emit('chat.read', { conversationId, userId, messageId, at });
    }),
    events.subscribe('chat.conversation.changed', async ({ companyId, conversationId, memberIds, removedIds }) => {
      for (const userId of memberIds) {
        const reader = await readerOf(companyId, userId);
        const conversation = reader && (await chat.conversationFor(reader, conversationId));
        if (conversation && !stopped) io.to(rooms.user(userId)).emit('chat.conversation', { conversation });
      }
      if (removedIds.length > 0 && !stopped) io.to(removedIds.map(rooms.user)).emit('chat.conversation.removed', { conversationId });
    }),
  ];

  io.on('connection', (socket) => {
    const { companyId, userId } = socket.data;
    const lastTyping = new Map<number, number>();
    const memberUntil = new Map<number, number>();
    const fail = (error: unknown) => log.warn({ err: error, userId }, 'team chat socket handler failed');

    // A new socket is activity: whatever "away" an old tab left is over.
    void repo
      .setAway(companyId, userId, false)
      .then(() => presenceChanged(companyId, userId, 'online'))
      .catch(fail);

    socket.on('chat.typing', (payload) => {
      const conversationId = Number((payload as { conversationId?: unknown } | undefined)?.conversationId);
      if (!Number.isSafeInteger(conversationId) || conversationId <= 0) return;
      const now = Date.now();
      if (now - (lastTyping.get(conversationId) ?? 0) < TYPING_THROTTLE_MS) return;
      lastTyping.set(conversationId, now);
      void (async () => {
        if ((memberUntil.get(conversationId) ?? 0) < now) {
          if (!(await repo.isMember(companyId, conversationId, userId))) return;
          memberUntil.set(conversationId, now + MEMBERSHIP_CACHE_MS);
        }
        const others = (await repo.memberIds(companyId, conversationId)).filter((id) => id !== userId);
        if (others.length > 0 && !stopped) io.to(others.map(rooms.user)).emit('chat.typing', { conversationId, userId });
      })().catch(fail);
    });
    socket.on('presence.away', () => {
      void repo
        .setAway(companyId, userId, true)
        .then((changed) => changed && presenceChanged(companyId, userId, 'away'))
        .catch(fail);
    });
    socket.on('presence.activity', () => {
      void repo
        .setAway(companyId, userId, false)
        .then((changed) => changed && presenceChanged(companyId, userId, 'online'))
        .catch(fail);
    });
    socket.on('disconnect', () => {
      if (stopped) return;
      // Offline only when no socket of the user is left on any node.
      void (async () => {
        const left = await io.in(rooms.user(userId)).fetchSockets();
        if (stopped || left.length > 0) return;
        await repo.setAway(companyId, userId, false);
        presenceChanged(companyId, userId, 'offline');
      })().catch(fail);
    });
  });

  return {
    stop() {
      stopped = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}

/** The company's users with a socket open on any node (the adapter asks the other nodes). */
export async function onlineUserIdsOf(io: Io, companyId: number): Promise<Set<number>> {
  const sockets = await io.in(rooms.company(companyId)).fetchSockets();
  return new Set(sockets.map((s) => s.data.userId));
}
