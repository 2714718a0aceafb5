import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, spawnServer, type TestDatabase } from './harness.js';

/**
 * Two real server processes on one PostgreSQL, both working the `scheduled.send` queue: every
 * scheduled message reaches the customer once. Half of them are re-timed to the same instant, which
 * leaves two jobs for one occurrence that both nodes may run at once; only the row lock keeps them
 * from sending twice. The embedded database serves one process only, so this runs with TEST_DATABASE_URL.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
const COUNT = 12;

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
    APP_SECRET: 'scheduled-test-secret-scheduled-test-secret-0123',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    WHATSAPP_WEB_SOCKET: 'fake',
    WHATSAPP_WEB_FAKE_QR_MS: '0',
    WHATSAPP_WEB_FAKE_AUTOPAIR_MS: '200',
    WHATSAPP_WEB_FAKE_LOG: sendLog,
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

const sends = () =>
  (existsSync(sendLog) ? readFileSync(sendLog, 'utf8').trim().split('\n').filter(Boolean) : []).map(
    (line) => JSON.parse(line) as { node: string; content: { text?: string } },
  );

describe.skipIf(!hasPostgres)('scheduled messages across two server processes (PostgreSQL)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new pg.Pool({ connectionString: database.env.DATABASE_URL, max: 2 });
    logDir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-scheduled-'));
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

  it('sends each due message once', async () => {
    const [a, b] = nodes as [Node, Node];
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.jimmy.chat', password: 'jimmy-demo-2026' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const connection = await api<{ id: number }>(a, token, 'POST', '/api/connections', { type: 'whatsapp_web', name: 'Celular' });
    await expect
      .poll(async () => (await api<{ status: string }>(a, token, 'GET', `/api/connections/${connection.id}`)).status, { timeout: 10_000 })
      .toBe('open');
    const ticket = await api<{ id: number }>(a, token, 'POST', '/api/tickets', {
      connectionId: connection.id,
      phone: '5511955550002',
      name: 'Cliente Agendado',
    });

    const due = new Date(Date.now() + 4000).toISOString();
    const ids: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      const node = i % 2 === 0 ? a : b;
      const created = await api<{ id: number }>(node, token, 'POST', `/api/tickets/${ticket.id}/scheduled-messages`, {
        body: `agendada ${i}`,
        sendAt: due,
      });
      // A second job for the same occurrence and instant, from the other node.
      if (i % 2 === 0) await api(b, token, 'PATCH', `/api/scheduled-messages/${created.id}`, { sendAt: due });
      ids.push(created.id);
    }
    const { rows: jobs } = await sql.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'scheduled.send'`);
    expect(jobs[0]!.n).toBe(COUNT + COUNT / 2);

    const statuses = async () =>
      (await sql.query<{ status: string }>('select status from scheduled_messages where id = any($1::bigint[])', [ids])).rows.map(
        (r) => r.status,
      );
    await expect.poll(async () => (await statuses()).filter((s) => s === 'sent').length, { timeout: 20_000 }).toBe(COUNT);
    await expect
      .poll(() => sends().filter((s) => s.content.text?.startsWith('agendada ')).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(COUNT);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const texts = sends()
      .map((s) => s.content.text)
      .filter((t) => t?.startsWith('agendada '))
      .sort();
    expect(texts).toEqual(Array.from({ length: COUNT }, (_, i) => `agendada ${i}`).sort());
    const { rows: lines } = await sql.query<{ n: number }>(
      `select count(*)::int as n from messages where ticket_id = $1 and body like 'agendada %'`,
      [ticket.id],
    );
    expect(lines[0]!.n).toBe(COUNT);
    const { rows: workers } = await sql.query<{ n: number }>(
      `select count(distinct (data->>'id'))::int as n from pgboss.job where name = 'scheduled.send' and state = 'completed'`,
    );
    expect(workers[0]!.n).toBe(COUNT);
  }, 90_000);
});
