import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@jimmy/contracts';
import { createTestDatabase, openSocket, spawnServer, type TestDatabase } from './harness.js';

/**
 * Two real server processes on one PostgreSQL and one Redis: a chat message posted on node A
 * reaches a member whose socket is on node B (through the Redis adapter), and nobody else.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

let database: TestDatabase;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
const urls: string[] = [];

async function startNode(name: string): Promise<string> {
  const { child, url } = await spawnServer(['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    ...database.env,
    NODE_ENV: 'production',
    NODE_ID: name,
    APP_SECRET: 'team-chat-nodes-secret-team-chat-nodes-secret-01',
    REDIS_URL: process.env.TEST_REDIS_URL!,
    REDIS_KEY: `jimmy-team-chat-${process.pid}`,
    LOG_LEVEL: 'warn',
    WHATSAPP_WEB_SOCKET: 'fake',
  });
  children.push(child);
  return url;
}

async function api<T>(url: string, token: string | null, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe.skipIf(!enabled)('internal chat across two server processes (PostgreSQL + Redis)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    urls.push(await startNode('chat-a')); // migrates and seeds first
    urls.push(await startNode('chat-b'));
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const child of children) child.kill('SIGKILL');
    await database?.drop();
  });

  it('delivers a message posted on node A to a member connected to node B', async () => {
    const [a, b] = urls as [string, string];
    const login = (url: string, email: string, password: string) =>
      api<{ accessToken: string }>(url, null, 'POST', '/api/auth/login', { email, password }).then((r) => r.accessToken);
    const admin = await login(a, 'admin@demo.jimmy.chat', 'jimmy-demo-2026');
    const users = [];
    for (const [i, name] of ['Nina Nó', 'Otávio Nó', 'Paula Nó'].entries()) {
      const email = `chat-node-${i}-${Date.now()}@example.com`;
      const user = await api<{ id: number }>(a, admin, 'POST', '/api/users', {
        name,
        email,
        password: 'a long enough password',
        role: 'agent',
      });
      users.push({ id: user.id, token: await login(a, email, 'a long enough password') });
    }
    const [nina, otavio, paula] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
    const otavioOnB = await openSocket(b, otavio.token, sockets);
    const paulaOnB = await openSocket(b, paula.token, sockets);
    const heard: ChatMessage[] = [];
    const leaked: ChatMessage[] = [];
    otavioOnB.on('chat.message', ({ message }: { message: ChatMessage }) => heard.push(message));
    paulaOnB.on('chat.message', ({ message }: { message: ChatMessage }) => leaked.push(message));

    const conversation = await api<{ id: number }>(a, nina.token, 'POST', '/api/chat/conversations', { kind: 'direct', userId: otavio.id });
    const started = Date.now();
    await api(a, nina.token, 'POST', `/api/chat/conversations/${conversation.id}/messages`, { body: 'do nó A' });
    await expect.poll(() => heard.map((m) => m.body), { timeout: 10_000 }).toEqual(['do nó A']);
    const elapsed = Date.now() - started;
    console.info(`chat message node A → socket on node B in ${elapsed} ms`);

    // Presence seen from node A includes Otávio, whose only socket is on node B.
    const presence = await api<{ items: { userId: number; status: string }[] }>(a, nina.token, 'GET', '/api/chat/presence');
    expect(presence.items.find((p) => p.userId === otavio.id)?.status).toBe('online');
    // A group message to Paula afterwards proves the 1:1 had every chance to leak to her.
    const group = await api<{ id: number }>(a, nina.token, 'POST', '/api/chat/conversations', {
      kind: 'group',
      name: 'Nós',
      memberIds: [paula.id],
    });
    await api(a, nina.token, 'POST', `/api/chat/conversations/${group.id}/messages`, { body: 'para a Paula' });
    await expect.poll(() => leaked.map((m) => m.body), { timeout: 10_000 }).toEqual(['para a Paula']);
    expect(heard.map((m) => m.body)).toEqual(['do nó A']);

    // A rough figure for the report: POST on A → the member's socket on B, 30 messages one after another.
    const timings: number[] = [];
    for (let i = 0; i < 30; i++) {
      const arrived = new Promise<number>((resolve) => otavioOnB.once('chat.message', () => resolve(Date.now())));
      const start = Date.now();
      await api(a, nina.token, 'POST', `/api/chat/conversations/${conversation.id}/messages`, { body: `medida ${i}` });
      timings.push((await arrived) - start);
    }
    timings.sort((x, y) => x - y);
    console.info(`POST on A → socket on B: p50 ${timings[14]} ms, max ${timings[29]} ms (30 messages)`);
    expect(heard.filter((m) => m.body.startsWith('medida ')).length).toBe(30);
  }, 90_000);
});
