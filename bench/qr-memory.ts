/**
 * Resident memory of the server with 0, 10 and 50 QR connections (issue #4): fake WhatsApp Web
 * sockets (no network), the real database-backed key store, the real ingest path. Each scenario
 * runs the production bundle in its own process so only the server's memory is measured: idle
 * first, then restarted (same database, sessions resume without a QR) with every connection
 * receiving 10 customer messages per second. Goal: at most 30 MB per connection.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { spawnServer } from '../apps/server/test/harness.js';
import {
  BENCH_APP_SECRET,
  createBenchDatabase,
  httpClient,
  installDeadline,
  log,
  login,
  printResult,
  round,
  sleep,
  type BenchDatabase,
} from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COUNTS = (process.env.BENCH_QR_COUNTS ?? '0,10,50').split(',').map(Number);
const RATE = Number(process.env.BENCH_QR_RATE ?? 10);
const SETTLE_MS = Number(process.env.BENCH_QR_SETTLE_MS ?? 8_000);
const LOAD_MS = Number(process.env.BENCH_QR_LOAD_MS ?? 30_000);
const GOAL_MB = 30;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startServer(database: BenchDatabase, inboundPerSecond: number): Promise<{ child: ChildProcess; baseUrl: string }> {
  // BENCH_QR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = (process.env.BENCH_QR_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { child, url } = await spawnServer(
    [...nodeArgs, path.join(root, 'apps/server/dist/main.js')],
    {
      ...database.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      APP_SECRET: BENCH_APP_SECRET,
      WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
      ACCESS_TOKEN_TTL: '3600',
      WHATSAPP_WEB_SOCKET: 'fake',
      WHATSAPP_WEB_FAKE_QR_MS: '0',
      WHATSAPP_WEB_FAKE_AUTOPAIR_MS: '100',
      WHATSAPP_WEB_FAKE_INBOUND_PER_S: String(inboundPerSecond),
      REDIS_URL: '',
    },
    90_000,
  );
  return { child, baseUrl: url };
}

async function stopServer(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
}

async function sample(pid: number, ms: number): Promise<{ median: number; max: number }> {
  const values: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    values.push(rssMb(pid));
    await sleep(500);
  }
  values.sort((a, b) => a - b);
  return { median: round(values[Math.floor(values.length / 2)] ?? 0, 1), max: round(values.at(-1) ?? 0, 1) };
}

type Client = ReturnType<typeof httpClient>;
async function openCount(client: Client, token: string): Promise<number> {
  const response = await client.get('/api/connections', token);
  return (JSON.parse(response.body) as { items: Array<{ type: string; status: string }> }).items.filter(
    (c) => c.type === 'whatsapp_web' && c.status === 'open',
  ).length;
}

/**
 * Inbound messages stored so far: counted in SQL on PostgreSQL; on the embedded database (one
 * process only) from the unread counters of every ticket, as nobody reads during the run.
 */
async function storedInbound(client: Client, token: string, database: BenchDatabase): Promise<number> {
  if (database.url) {
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      return Number((await sql.query<{ n: string }>(`select count(*) as n from messages where direction = 'in'`)).rows[0]!.n);
    } finally {
      await sql.end();
    }
  }
  let total = 0;
  let cursor: string | null = null;
  do {
    const response = await client.get(`/api/tickets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    const page = JSON.parse(response.body) as { items: Array<{ unreadCount: number }>; nextCursor: string | null };
    total += page.items.reduce((sum, t) => sum + t.unreadCount, 0);
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

async function waitOpen(client: Client, token: string, count: number) {
  const deadline = Date.now() + 120_000;
  while ((await openCount(client, token)) < count) {
    if (Date.now() > deadline) throw new Error(`only ${await openCount(client, token)} of ${count} connections opened`);
    await sleep(500);
  }
}

interface Scenario {
  connections: number;
  idleRssMb: number;
  idleRssMaxMb: number;
  loadRssMb: number;
  loadRssMaxMb: number;
  targetMsgsPerSecond: number;
  achievedMsgsPerSecond: number;
}

async function scenario(count: number): Promise<Scenario> {
  const database = await createBenchDatabase(`qr${count}`);
  try {
    let server = await startServer(database, 0);
    let client = httpClient(server.baseUrl);
    let token = await login(client, 'admin@demo.jimmy.chat', 'jimmy-demo-2026');
    for (let i = 0; i < count; i++) {
      const response = await client.postJson('/api/connections', { type: 'whatsapp_web', name: `Celular ${i + 1}` }, token);
      if (response.status !== 201) throw new Error(`create connection: ${response.status} ${response.body}`);
    }
    await waitOpen(client, token, count);
    await sleep(SETTLE_MS);
    const idle = await sample(server.child.pid!, 5_000);
    log(`${count} connections idle: ${idle.median} MB`);
    await stopServer(server.child);

    server = await startServer(database, count > 0 ? RATE : 0);
    client = httpClient(server.baseUrl);
    token = await login(client, 'admin@demo.jimmy.chat', 'jimmy-demo-2026');
    await waitOpen(client, token, count);
    const before = await storedInbound(client, token, database);
    const started = Date.now();
    const load = await sample(server.child.pid!, LOAD_MS);
    const stored = (await storedInbound(client, token, database)) - before;
    const achieved = round(stored / ((Date.now() - started) / 1000), 1);
    log(`${count} connections at ${RATE}/s each: ${load.median} MB (max ${load.max}), ${achieved} msg/s stored`);
    await stopServer(server.child);
    return {
      connections: count,
      idleRssMb: idle.median,
      idleRssMaxMb: idle.max,
      loadRssMb: load.median,
      loadRssMaxMb: load.max,
      targetMsgsPerSecond: count * RATE,
      achievedMsgsPerSecond: achieved,
    };
  } finally {
    await database.drop();
  }
}

const cleanup: Array<() => Promise<void>> = [];
installDeadline(30 * 60_000, async () => {
  for (const step of cleanup) await step();
});

log('building the server bundle');
const build = spawnSync(process.execPath, [path.join(root, 'apps/server/build.mjs')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) throw new Error('server build failed');

/** Real Baileys sockets held open against a silent local endpoint (see qr-socket-driver.ts). */
function realSockets(count: number): { sockets: number; connected: number; rssMb: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/qr-socket-driver.ts'), String(count)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 120_000,
  });
  const line = run.stdout.trim().split('\n').at(-1);
  if (run.status !== 0 || !line) throw new Error(`socket driver failed for ${count}`);
  return JSON.parse(line) as { sockets: number; connected: number; rssMb: number };
}

const results: Scenario[] = [];
for (const count of COUNTS) results.push(await scenario(count));
log('real Baileys sockets waiting for the handshake');
const real = COUNTS.map(realSockets);
const realBase = real.find((r) => r.sockets === 0);
const realPerSocket = real
  .filter((r) => r.sockets > 0 && realBase)
  .map((r) => ({ sockets: r.sockets, connected: r.connected, mbPerSocket: round((r.rssMb - realBase!.rssMb) / r.sockets, 2) }));
const base = results.find((r) => r.connections === 0);
const perConnection = results
  .filter((r) => r.connections > 0 && base)
  .map((r) => ({
    connections: r.connections,
    idleMbPerConnection: round((r.idleRssMb - base!.idleRssMb) / r.connections, 2),
    loadMbPerConnection: round((r.loadRssMaxMb - base!.loadRssMaxMb) / r.connections, 2),
  }));
printResult({
  benchmark: 'qr-memory',
  database: process.env.BENCH_DATABASE_URL ? 'postgres' : 'embedded',
  socket: 'fake (offline stand-in; Baileys socket internals not included)',
  ratePerConnection: RATE,
  loadSeconds: LOAD_MS / 1000,
  scenarios: results,
  perConnection,
  realBaileysSockets: {
    note: 'makeWASocket against a silent 127.0.0.1 WebSocket: the socket, noise handler, caches and Signal repository before login',
    runs: real,
    perSocket: realPerSocket,
  },
  goalMbPerConnection: GOAL_MB,
  passed: perConnection.every((p) => p.idleMbPerConnection <= GOAL_MB && p.loadMbPerConnection <= GOAL_MB),
});
