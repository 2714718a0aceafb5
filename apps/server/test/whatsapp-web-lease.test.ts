import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, spawnServer, type TestDatabase } from './harness.js';

/**
 * Two real server processes on one PostgreSQL: one owns the QR connection, sends from the other
 * reach it, and when it dies the other takes over. The embedded database serves one process only,
 * so this runs where TEST_DATABASE_URL is set (the PostgreSQL pass of .ci/run).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LEASE_MS = 3000;
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);

interface Node {
  name: string;
  url: string;
  child: ChildProcess;
}

let database: TestDatabase;
let sql: pg.Pool;
let logDir: string;
let sendLog: string;
const nodes: Node[] = [];

async function startNode(name: string): Promise<Node> {
  const { child, url } = await spawnServer(['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    ...database.env,
    NODE_ENV: 'production',
    NODE_ID: name,
    APP_SECRET: 'lease-test-secret-lease-test-secret-0123456789',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    WHATSAPP_WEB_SOCKET: 'fake',
    WHATSAPP_WEB_FAKE_QR_MS: '0',
    WHATSAPP_WEB_FAKE_AUTOPAIR_MS: '200',
    WHATSAPP_WEB_FAKE_LOG: sendLog,
    WHATSAPP_WEB_LEASE_MS: String(LEASE_MS),
    WHATSAPP_WEB_SEND_SPACING_MS: '0',
  });
  const node = { name, url, child };
  nodes.push(node);
  return node;
}

async function api<T>(node: Node, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${node.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url} on ${node.name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const sendsOf = (text: string) =>
  (existsSync(sendLog) ? readFileSync(sendLog, 'utf8').trim().split('\n').filter(Boolean) : [])
    .map((line) => JSON.parse(line) as { node: string; content: { text?: string } })
    .filter((send) => send.content.text === text);

const ownerOf = async (connectionId: number) =>
  (
    await sql.query<{ owner_node: string }>('select owner_node from connection_leases where connection_id = $1 and expires_at > now()', [
      connectionId,
    ])
  ).rows[0]?.owner_node;

describe.skipIf(!hasPostgres)('QR connection leases across two server processes (PostgreSQL)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new pg.Pool({ connectionString: database.env.DATABASE_URL, max: 2 });
    logDir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-lease-'));
    sendLog = path.join(logDir, 'sends.jsonl');
    await startNode('node-a'); // migrates and seeds first
    await startNode('node-b');
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes) node.child.kill('SIGKILL');
    await sql?.end();
    await database?.drop();
    if (logDir) rmSync(logDir, { recursive: true, force: true });
  });

  it('runs the connection on one node, routes sends from the other to it, and fails over when it dies', async () => {
    const login = await fetch(`${nodes[0]!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.jimmy.chat', password: 'jimmy-demo-2026' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const connection = await api<{ id: number }>(nodes[0]!, token, 'POST', '/api/connections', { type: 'whatsapp_web', name: 'Celular' });
    await expect
      .poll(async () => (await api<{ status: string }>(nodes[0]!, token, 'GET', `/api/connections/${connection.id}`)).status, {
        timeout: 10_000,
      })
      .toBe('open');

    const ownerName = await ownerOf(connection.id);
    const owner = nodes.find((n) => n.name === ownerName)!;
    const other = nodes.find((n) => n.name !== ownerName)!;
    expect(owner).toBeDefined();

    const ticket = await api<{ id: number }>(other, token, 'POST', '/api/tickets', {
      connectionId: connection.id,
      phone: '5511955550001',
      name: 'Cliente Lease',
    });
    const first = await api<{ id: number }>(other, token, 'POST', `/api/tickets/${ticket.id}/messages`, { body: 'enviado pelo outro nó' });
    const statusOf = async (messageId: number) =>
      (await sql.query<{ status: string }>('select status from messages where id = $1', [messageId])).rows[0]?.status;
    await expect.poll(() => statusOf(first.id), { timeout: 15_000 }).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sendsOf('enviado pelo outro nó').map((s) => s.node)).toEqual([owner.name]);

    // The owner dies without handing its lease back.
    const killedAt = Date.now();
    owner.child.kill('SIGKILL');
    // Sent while the dead node's lease still looks valid: routed to its queue, picked up after takeover.
    const during = await api<{ id: number }>(other, token, 'POST', `/api/tickets/${ticket.id}/messages`, {
      body: 'enviado durante a queda',
    });
    await expect.poll(() => ownerOf(connection.id), { timeout: LEASE_MS * 4, interval: 100 }).toBe(other.name);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(LEASE_MS + LEASE_MS / 3 + 2000);
    await expect
      .poll(async () => (await api<{ status: string }>(other, token, 'GET', `/api/connections/${connection.id}`)).status, {
        timeout: 10_000,
      })
      .toBe('open');
    await expect.poll(() => statusOf(during.id), { timeout: 20_000 }).toBe('sent');
    expect(sendsOf('enviado durante a queda').map((s) => s.node)).toEqual([other.name]);

    const after = await api<{ id: number }>(other, token, 'POST', `/api/tickets/${ticket.id}/messages`, {
      body: 'enviado depois da troca',
    });
    await expect.poll(() => statusOf(after.id), { timeout: 15_000 }).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sendsOf('enviado depois da troca').map((s) => s.node)).toEqual([other.name]);
    console.log(JSON.stringify({ leaseMs: LEASE_MS, takeoverMs }));
  }, 90_000);
});
