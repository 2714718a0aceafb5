import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  baseUrl = await app.server.listen();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const outcomes = new WeakMap<Socket, Promise<void>>();

function open(auth: Record<string, string> = {}, extraHeaders: Record<string, string> = {}): Socket {
  const socket = connect(baseUrl, {
    path: '/socket.io',
    auth,
    extraHeaders,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  // Listen from the start: a connect or an error that happens while the test awaits something else is not lost.
  const outcome = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  outcome.catch(() => undefined);
  outcomes.set(socket, outcome);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return outcomes.get(socket)!;
}

function collect(socket: Socket, event: string): unknown[] {
  const received: unknown[] = [];
  socket.on(event, (payload: unknown) => received.push(payload));
  return received;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('realtime gateway', () => {
  it('refuses a connection without credentials or with a forged token', async () => {
    await expect(connected(open())).rejects.toThrow('UNAUTHORIZED');
    await expect(connected(open({ token: 'forged.token' }))).rejects.toThrow('UNAUTHORIZED');
  });

  it('accepts the access token and answers a ping', async () => {
    const socket = open({ token: app.companyA.adminToken });
    await connected(socket);
    const answer = await socket.timeout(2000).emitWithAck('ping');
    expect(answer).toEqual({ at: expect.any(String) });
  });

  it('accepts the session cookie too', async () => {
    const socket = open({}, { cookie: `jc_at=${encodeURIComponent(app.companyA.adminToken)}` });
    await expect(connected(socket)).resolves.toBeUndefined();
  });

  it("delivers a company's events to its managers only, never to another company or to agents", async () => {
    const adminA = open({ token: app.companyA.adminToken });
    const adminB = open({ token: app.companyB.adminToken });
    const agentA = await app.createUser(app.companyA, 'agent');
    const agentSocket = open({ token: agentA.token });
    await Promise.all([connected(adminA), connected(adminB), connected(agentSocket)]);
    const seenByA = collect(adminA, 'user.created');
    const seenByB = collect(adminB, 'user.created');
    const seenByAgent = collect(agentSocket, 'user.created');

    const created = await app.createUser(app.companyA, 'supervisor', 'Realtime Sup');
    await expect.poll(() => seenByA.length, { timeout: 3000 }).toBe(1);
    expect(seenByA[0]).toMatchObject({ user: { id: created.id, name: 'Realtime Sup' } });
    await wait(300);
    expect(seenByB).toEqual([]);
    expect(seenByAgent).toEqual([]);
  });

  it('disconnects the sockets of a session when it is revoked', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const socket = open({ token: agent.token });
    await connected(socket);
    const revoked = collect(socket, 'session.revoked');
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await app.inject({ method: 'PATCH', url: `/api/users/${agent.id}`, token: app.companyA.adminToken, payload: { active: false } });
    await expect(disconnected).resolves.toBe('io server disconnect');
    expect(revoked).toEqual([{ reason: 'deactivated' }]);
  });
});
