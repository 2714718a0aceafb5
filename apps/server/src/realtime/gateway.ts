import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@jimmy/contracts';
import type { EventBus } from '../infra/events.js';
import type { Logger } from '../infra/logger.js';
import { ACCESS_COOKIE, type AuthService } from '../modules/auth/index.js';
import { queueRoomOf, rooms, roomsOfTicket, roomsOfViewer, type Viewer } from '../modules/tickets/index.js';

interface SocketData {
  userId: number;
  companyId: number;
  role: Role;
  sessionId: string;
}

type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface Gateway {
  io: GatewayServer;
  close(): Promise<void>;
}

export async function startGateway(options: {
  httpServer: HttpServer;
  auth: AuthService;
  events: EventBus;
  logger: Logger;
  redisUrl?: string;
  /** Channel prefix in Redis: deployments (or test runs) sharing one Redis must not hear each other. */
  redisKey?: string;
  /** What the user may see decides which ticket rooms their sockets join (tickets/visibility.ts). */
  viewerOf: (companyId: number, userId: number, role: Role) => Promise<Viewer>;
  /** Told of every agent socket that opens or closes, so assignment knows who is online on any node. */
  presence?: { connected(companyId: number, userId: number): void; disconnected(userId: number): void };
}): Promise<Gateway> {
  const { auth, events } = options;
  const log = options.logger.child({ component: 'realtime' });
  const io: GatewayServer = new Server(options.httpServer, {
    path: '/socket.io',
    // The web-chat widget loads the client from here, so visitors' sites need nothing else.
    serveClient: true,
    // Same-origin only; the web app is served by this process.
    cors: undefined,
  });

  const redisClients: ReturnType<typeof createClient>[] = [];
  if (options.redisUrl) {
    const pub = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', (error) => log.error({ err: error }, 'redis adapter error'));
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: options.redisKey ?? 'socket.io' }));
    log.info('socket.io uses the Redis adapter');
  }

  io.use((socket, next) => {
    const handshakeToken = (socket.handshake.auth as { token?: unknown }).token;
    const token =
      typeof handshakeToken === 'string' && handshakeToken ? handshakeToken : cookieValue(socket.handshake.headers.cookie, ACCESS_COOKIE);
    if (!token) return next(new Error('UNAUTHORIZED'));
    auth
      .authenticate(token)
      .then((context) => {
        if (!context) return next(new Error('UNAUTHORIZED'));
        socket.data = { userId: context.userId, companyId: context.companyId, role: context.role, sessionId: context.sessionId };
        next();
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'socket authentication failed');
        next(new Error('UNAVAILABLE'));
      });
  });

  io.on('connection', (socket: GatewaySocket) => {
    const { companyId, userId, role } = socket.data;
    if (options.presence) {
      const presence = options.presence;
      presence.connected(companyId, userId);
      socket.on('disconnect', () => presence.disconnected(userId));
    }
    const joined = (async () => {
      await socket.join([rooms.company(companyId), rooms.companyRole(companyId, role), rooms.user(userId)]);
      await socket.join(roomsOfViewer(await options.viewerOf(companyId, userId, role)));
    })().catch((error: unknown) => log.error({ err: error, userId }, 'could not join rooms'));
    // Registered synchronously so nothing sent right after connecting is missed; the answer waits
    // for the rooms, so a client that pinged knows it will receive its events from then on.
    socket.on('ping', async (ack: (payload: { at: string }) => void) => {
      await joined;
      if (typeof ack === 'function') ack({ at: new Date().toISOString() });
    });
  });

  const managers = (companyId: number) => [
    rooms.companyRole(companyId, 'admin'),
    rooms.companyRole(companyId, 'supervisor'),
    rooms.companyRole(companyId, 'super_admin'),
  ];
  const audience = roomsOfTicket;
  const unsubscribers = [
    // Managers see every ticket without queue rooms; an agent's open sockets (on any node, through
    // the adapter) follow a membership change at once.
    events.subscribe('queue.members.changed', ({ companyId, queueId, added, removed }) => {
      for (const role of ['agent', 'supervisor'] as const) {
        const room = queueRoomOf(role, queueId);
        if (!room) continue;
        const ofRole = rooms.companyRole(companyId, role);
        for (const userId of added) io.in(rooms.user(userId)).in(ofRole).socketsJoin(room);
        for (const userId of removed) io.in(rooms.user(userId)).in(ofRole).socketsLeave(room);
      }
    }),
    events.subscribe('company.unqueued-visibility.changed', ({ companyId, visible }) => {
      const agents = io.in(rooms.companyRole(companyId, 'agent'));
      if (visible) agents.socketsJoin(rooms.unqueued(companyId));
      else agents.socketsLeave(rooms.unqueued(companyId));
    }),
    events.subscribe(
      'ticket.created',
      ({ companyId, ticket }) => void io.to(audience(companyId, ticket)).emit('ticket.created', { ticket }),
    ),
    events.subscribe('ticket.updated', ({ companyId, ticket, previous }) => {
      const now = audience(companyId, ticket);
      io.to(now).emit('ticket.updated', { ticket });
      if (previous) {
        // Those who saw it before but not any more are told to drop it from their lists.
        const lost = audience(companyId, previous).filter((room) => !now.includes(room));
        if (lost.length > 0) io.to(lost).except(now).emit('ticket.removed', { ticketId: ticket.id });
      }
    }),
    // The receiver hears who sent it and why: the named agent, or else the receiving queue's members.
    events.subscribe('ticket.transferred', ({ ticket, from, note, toUserId }) => {
      const queueId = ticket.queueId;
      const to =
        toUserId !== null
          ? [rooms.user(toUserId)]
          : queueId === null
            ? []
            : (['agent', 'supervisor'] as const).flatMap((role) => queueRoomOf(role, queueId) ?? []);
      if (to.length > 0) io.to(to).except(rooms.user(from.id)).emit('ticket.transferred', { ticket, from, note });
    }),
    events.subscribe(
      'message.created',
      ({ companyId, ticket, message }) => void io.to(audience(companyId, ticket)).emit('message.created', { ticketId: ticket.id, message }),
    ),
    events.subscribe(
      'message.updated',
      ({ companyId, ticket, message }) => void io.to(audience(companyId, ticket)).emit('message.updated', { ticketId: ticket.id, message }),
    ),
    events.subscribe(
      'message.deleted',
      ({ companyId, ticket, messageId }) =>
        void io.to(audience(companyId, ticket)).emit('message.deleted', { ticketId: ticket.id, messageId }),
    ),
    // The user's own room only: a mention is nobody else's business.
    events.subscribe(
      'notification.created',
      ({ userId, notification }) => void io.to(rooms.user(userId)).emit('notification.created', { notification }),
    ),
    // A schedule's creator follows it even when its conversation is out of their sight (or not there yet).
    events.subscribe('scheduled.updated', ({ companyId, ticket, createdBy, scheduledMessage }) => {
      const to = ticket
        ? audience(companyId, ticket)
        : [rooms.companyRole(companyId, 'admin'), rooms.companyRole(companyId, 'super_admin')];
      if (createdBy !== null) to.push(rooms.user(createdBy));
      io.to(to).emit('scheduled.updated', { scheduledMessage });
    }),
    events.subscribe(
      'connection.updated',
      ({ companyId, connection }) => void io.to(managers(companyId)).emit('connection.updated', { connection }),
    ),
    // Whoever scans a pairing QR links their phone to the company's number: admins only.
    events.subscribe(
      'connection.qr',
      ({ companyId, ...payload }) => void io.to(rooms.companyRole(companyId, 'admin')).emit('connection.qr', payload),
    ),
    // Supervisors of the ticket's queue (every supervisor for an unqueued ticket) and the admins; never agents.
    events.subscribe('survey.low-score', ({ companyId, ...payload }) => {
      const to = [rooms.companyRole(companyId, 'admin'), rooms.companyRole(companyId, 'super_admin')];
      to.push(payload.queueId === null ? rooms.companyRole(companyId, 'supervisor') : rooms.queueAll(payload.queueId));
      io.to(to).emit('survey.low-score', payload);
    }),
    events.subscribe('tags.changed', ({ companyId }) => void io.to(rooms.company(companyId)).emit('tags.changed', {})),
    events.subscribe(
      'contact.changed',
      ({ companyId, contactId }) => void io.to(rooms.company(companyId)).emit('contact.changed', { contactId }),
    ),
    events.subscribe('contacts.import.progress', ({ userId, import: progress }) => {
      if (userId !== null) io.to(rooms.user(userId)).emit('contacts.import.progress', { import: progress });
    }),
    events.subscribe('user.created', ({ companyId, user }) => void io.to(managers(companyId)).emit('user.created', { user })),
    events.subscribe('user.updated', ({ companyId, user }) => void io.to(managers(companyId)).emit('user.updated', { user })),
    events.subscribe(
      'company.status.changed',
      ({ companyId, status }) => void io.to(rooms.company(companyId)).emit('company.status', { status }),
    ),
    events.subscribe('session.revoked', async ({ userId, sessionIds, reason }) => {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      for (const socket of sockets) {
        if (sessionIds === 'all' || sessionIds.includes(socket.data.sessionId)) {
          socket.emit('session.revoked', { reason });
          socket.disconnect(true);
        }
      }
    }),
  ];

  return {
    io,
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      io.disconnectSockets(true);
      // Stop answering other nodes first: a request (fetchSockets) arriving while the Redis clients
      // quit would be answered on a closed client, an unhandled rejection that ends the process.
      for (const namespace of io._nsps.values()) await namespace.adapter.close();
      // io.close() would also close the HTTP server, which Fastify owns; only the engine is closed here.
      io.engine.close();
      for (const client of redisClients) await client.quit().catch(() => undefined);
    },
  };
}
