import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnouncementAckedEvent, PendingAnnouncement } from '@jimmy/contracts';
import { createTestDatabase, openSocket, spawnServer, type TestDatabase } from './harness.js';

/**
 * Two server processes sharing PostgreSQL and Redis: an announcement posted on one node reaches a
 * recipient whose socket is on the other, and the acknowledgement made there reaches the author back
 * on the first. Needs TEST_DATABASE_URL (PGlite serves one process) and TEST_REDIS_URL.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

let database: TestDatabase;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
const urls: string[] = [];

async function api<T>(url: string, token: string | null, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

describe.skipIf(!enabled)('announcements across two server processes (PostgreSQL + Redis)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      ...database.env,
      NODE_ENV: 'production',
      APP_SECRET: 'announce-test-secret-announce-test-secret-0123',
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_KEY: `jimmy-announce-${process.pid}`,
      LOG_LEVEL: 'warn',
      WHATSAPP_WEB_SOCKET: 'fake',
    };
    for (const name of ['node-a', 'node-b']) {
      // One after the other: the first migrates and seeds the demo company.
      const { child, url } = await spawnServer(['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], { ...env, NODE_ID: name });
      children.push(child);
      urls.push(url);
    }
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const child of children) child.kill('SIGKILL');
    await database?.drop();
  });

  it('delivers the announcement to a socket on the other node, and the acknowledgement back', async () => {
    const [a, b] = urls as [string, string];
    const login = (url: string, email: string, password: string) =>
      api<{ accessToken: string }>(url, null, 'POST', '/api/auth/login', { email, password }).then((r) => r.accessToken);
    const adminToken = await login(a, 'admin@demo.jimmy.chat', 'jimmy-demo-2026');
    const agent = {
      name: 'Agente Nó B',
      email: `agent-nodes-${Date.now()}@example.com`,
      password: 'a long enough password',
      role: 'agent',
    };
    const { id: agentId } = await api<{ id: number }>(a, adminToken, 'POST', '/api/users', agent);
    const agentToken = await login(b, agent.email, agent.password);

    const agentSocket = await openSocket(b, agentToken, sockets);
    const adminSocket = await openSocket(a, adminToken, sockets);
    const created: PendingAnnouncement[] = [];
    agentSocket.on('announcement.created', ({ announcement }: { announcement: PendingAnnouncement }) => created.push(announcement));
    const acked: AnnouncementAckedEvent[] = [];
    adminSocket.on('announcement.acked', (event: AnnouncementAckedEvent) => acked.push(event));

    const { id } = await api<{ id: number }>(a, adminToken, 'POST', '/api/announcements', {
      title: 'Entre nós',
      body: 'De um nó para o outro',
      audience: { kind: 'users', userIds: [agentId] },
    });
    await expect.poll(() => created.map((c) => c.id), { timeout: 5000 }).toEqual([id]);

    await api(b, agentToken, 'POST', `/api/announcements/${id}/ack`);
    await expect.poll(() => acked.map((e) => [e.announcementId, e.userId]), { timeout: 5000 }).toEqual([[id, agentId]]);
  }, 60_000);
});
