import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@jimmy/contracts';
import type { EventBus } from '../infra/events.js';
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

export const rooms = {
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
}): Promise<Gateway> {
  const { auth, events } = options;
  const log = options.logger.child({ component: 'realtime' });
  const io: GatewayServer = new Server(options.httpServer, {
    path: '/socket.io',
    serveClient: false,
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
    io.adapter(createAdapter(pub, sub));
    log.info('socket.io uses the Redis adapter');
  }

  io.use((socket, next) => {
    const handshakeToken = (socket.handshake.auth as { token?: unknown }).token;
    const token = typeof handshakeToken === 'string' && handshakeToken ? handshakeToken : cookieValue(socket.handshake.headers.cookie, ACCESS_COOKIE);
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
    void socket.join([rooms.company(companyId), rooms.companyRole(companyId, role), rooms.user(userId)]);
    socket.on('ping', (ack: (payload: { at: string }) => void) => {
      if (typeof ack === 'function') ack({ at: new Date().toISOString() });
    });
  });

  const managers = (companyId: number) => [rooms.companyRole(companyId, 'admin'), rooms.companyRole(companyId, 'supervisor'), rooms.companyRole(companyId, 'super_admin')];
  const unsubscribers = [
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
      await new Promise<void>((resolve) => {
        // io.close() also closes the HTTP server, which Fastify owns; only the engine is closed here.
        io.engine.close();
        resolve();
      });
      for (const client of redisClients) await client.quit().catch(() => undefined);
    },
  };
}
