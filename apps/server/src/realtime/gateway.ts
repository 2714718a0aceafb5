import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@jimmy/contracts';
import type { EventBus, TicketAudience } from '../infra/events.js';
import type { Logger } from '../infra/logger.js';
import { ACCESS_COOKIE, type AuthService } from '../modules/auth/index.js';

interface SocketData {
  userId: number;
  companyId: number;
  role: Role;
  sessionId: string;
}

type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const rooms = {
  company: (id: number) => `company:${id}`,
  /** Managers see company-wide admin data (the users list) that agents must not. */
  companyRole: (id: number, role: Role) => `company:${id}:role:${role}`,
  user: (id: number) => `user:${id}`,
  queue: (id: number) => `queue:${id}`,
  ticket: (id: number) => `ticket:${id}`,
};

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
  /** An agent's queues decide which ticket rooms it joins. */
  queueIdsOf: (companyId: number, userId: number) => Promise<number[]>;
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
    const joined = (async () => {
      await socket.join([rooms.company(companyId), rooms.companyRole(companyId, role), rooms.user(userId)]);
      if (role === 'agent') await socket.join((await options.queueIdsOf(companyId, userId)).map(rooms.queue));
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
  /** Rooms of everyone who may see a ticket: the SQL/JS twin is tickets/visibility.ts. */
  const audience = (companyId: number, ticket: TicketAudience): string[] => {
    const list = managers(companyId);
    if (ticket.userId !== null) list.push(rooms.user(ticket.userId));
    if (ticket.queueId !== null) list.push(rooms.queue(ticket.queueId));
    else if (ticket.status === 'pending') list.push(rooms.companyRole(companyId, 'agent'));
    return list;
  };
  const unsubscribers = [
    // Managers see every ticket without queue rooms; an agent's open sockets (on any node, through
    // the adapter) follow a membership change at once.
    events.subscribe('queue.members.changed', ({ companyId, queueId, added, removed }) => {
      for (const userId of added) io.in(rooms.user(userId)).except(managers(companyId)).socketsJoin(rooms.queue(queueId));
      for (const userId of removed) io.in(rooms.user(userId)).socketsLeave(rooms.queue(queueId));
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
    events.subscribe(
      'message.created',
      ({ companyId, ticket, message }) => void io.to(audience(companyId, ticket)).emit('message.created', { ticketId: ticket.id, message }),
    ),
    events.subscribe(
      'message.updated',
      ({ companyId, ticket, message }) => void io.to(audience(companyId, ticket)).emit('message.updated', { ticketId: ticket.id, message }),
    ),
    events.subscribe(
      'connection.updated',
      ({ companyId, connection }) => void io.to(managers(companyId)).emit('connection.updated', { connection }),
    ),
    // Whoever scans a pairing QR links their phone to the company's number: admins only.
    events.subscribe(
      'connection.qr',
      ({ companyId, ...payload }) => void io.to(rooms.companyRole(companyId, 'admin')).emit('connection.qr', payload),
    ),
    events.subscribe('user.created', ({ companyId, user }) => void io.to(managers(companyId)).emit('user.created', { user })),
    events.subscribe('user.updated', ({ companyId, user }) => void io.to(managers(companyId)).emit('user.updated', { user })),
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
