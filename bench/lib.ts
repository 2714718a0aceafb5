import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { createServer, type JimmyServer } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/infra/config.js';
import { createLogger } from '../apps/server/src/infra/logger.js';

/** Progress goes to stderr: stdout is reserved for the one JSON line the contract promises. */
export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function printResult(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export interface BenchDatabase {
  kind: 'embedded' | 'postgres';
  env: Record<string, string>;
  /** An admin connection string to the benchmark's own database (postgres mode only). */
  url?: string;
  drop(): Promise<void>;
}

/** Same recipe as apps/server/test/harness.ts, but keyed on BENCH_DATABASE_URL so tests and benchmarks never share a setting. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `jimmy-bench-${label}-`));
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) {
    return { kind: 'embedded', env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `jimmy_bench_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      // Keep the seeded database for EXPLAIN experiments by hand.
      if (process.env.BENCH_KEEP_DB === '1') {
        console.error(`kept database ${name}`);
        return;
      }
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const BENCH_APP_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export async function bootBenchServer(
  database: BenchDatabase,
  extra: Record<string, string> = {},
): Promise<{ server: JimmyServer; baseUrl: string }> {
  const config = loadConfig({
    // Production mode on purpose: the code paths and defaults a customer runs, not the test ones.
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    APP_SECRET: BENCH_APP_SECRET,
    // Nothing here should call Meta; if something does, it fails fast on loopback instead of leaving the machine.
    WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
    // The console benchmark runs for minutes on one login.
    ACCESS_TOKEN_TTL: '3600',
    ...database.env,
    ...extra,
  });
  const server = await createServer(config, createLogger(config.LOG_LEVEL));
  const address = await server.listen();
  return { server, baseUrl: address.replace('[::1]', '127.0.0.1') };
}

export interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

/** A tiny keep-alive client: fetch/undici would add its own pooling and buffering costs to what we time. */
export function httpClient(baseUrl: string, options: { maxSockets?: number } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 1 });
  const origin = new URL(baseUrl);
  const request = (method: string, url: string, init: { token?: string; body?: string | Buffer; headers?: Record<string, string> } = {}) =>
    new Promise<HttpResult>((resolve, reject) => {
      const started = performance.now();
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        headers['content-length'] = String(Buffer.byteLength(init.body));
      }
      const req = http.request({ host: origin.hostname, port: origin.port, method, path: url, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(init.body);
    });
  return {
    request,
    get: (url: string, token?: string) => request('GET', url, token ? { token } : {}),
    postJson: (url: string, payload: unknown, token?: string) =>
      request('POST', url, { body: JSON.stringify(payload), ...(token ? { token } : {}) }),
    close: () => agent.destroy(),
  };
}

export async function login(client: ReturnType<typeof httpClient>, email: string, password: string): Promise<string> {
  const response = await client.postJson('/api/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`login failed for ${email}: ${response.status} ${response.body}`);
  return (JSON.parse(response.body) as { accessToken: string }).accessToken;
}

/**
 * GET `url` repeatedly as `token`: the first answer (checked, returned for its body), `warmup - 1`
 * more untimed, then timed requests until `samples` or `budgetMs`, so one pathological query is
 * reported with fewer samples instead of stretching the run.
 */
export async function sampleGet(
  client: ReturnType<typeof httpClient>,
  url: string,
  token: string,
  options: { warmup: number; samples: number; budgetMs: number },
): Promise<{ first: { status: number; body: string }; times: number[] }> {
  const first = await client.get(url, token);
  if (first.status !== 200) throw new Error(`${url}: ${first.status} ${first.body.slice(0, 200)}`);
  for (let i = 1; i < options.warmup; i++) await client.get(url, token);
  const times: number[] = [];
  const until = performance.now() + options.budgetMs;
  while (times.length < options.samples && performance.now() < until) {
    const response = await client.get(url, token);
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    times.push(response.ms);
  }
  return { first, times };
}

/** The indexes an EXPLAIN plan reads, by name. */
export function indexesInPlan(plan: string): string[] {
  const indexes = new Set<string>();
  for (const match of plan.matchAll(/(?:Index Scan|Index Only Scan)(?: Backward)? using (\S+)|Bitmap Index Scan on (\S+)/g))
    indexes.add((match[1] ?? match[2])!);
  return [...indexes];
}

/** Nearest-rank percentile; benchmarks report what was observed, never an interpolated value. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank]!);
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Benchmarks must stop by themselves: past the deadline the cleanup still runs (the database is
 * dropped) and the process exits non-zero instead of hanging a CI job.
 */
export function installDeadline(ms: number, cleanup: () => Promise<void>): () => void {
  let cleaning = false;
  const runCleanupAndExit = (reason: string, code: number) => {
    if (cleaning) return;
    cleaning = true;
    log(reason);
    const force = setTimeout(() => process.exit(code), 20_000);
    force.unref();
    cleanup()
      .catch((error: unknown) => log(`cleanup failed: ${String(error)}`))
      .finally(() => process.exit(code));
  };
  const timer = setTimeout(() => runCleanupAndExit(`deadline of ${Math.round(ms / 1000)} s reached; aborting`, 3), ms);
  timer.unref();
  const onSignal = () => runCleanupAndExit('interrupted; cleaning up', 130);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

export interface CapturedStatement {
  text: string;
  values: unknown[];
  ms: number;
  /** Wall-clock time the statement was handed to the driver (ms, same clock as the load drivers). */
  at: number;
}

type QueryArgs = [unknown, ...unknown[]];

function statementOf(args: QueryArgs): { text: string; values: unknown[] } {
  const [first, second] = args;
  if (typeof first === 'string') return { text: first, values: Array.isArray(second) ? second : [] };
  const config = first as { text?: string; values?: unknown[] };
  return { text: config.text ?? '', values: config.values ?? (Array.isArray(second) ? second : []) };
}

/**
 * Records every statement the server sends through its pool, including those inside transactions
 * (pool.connect clients), with their round-trip time. Observation only: the bench never edits the
 * server, it wraps the pool instance it was handed. Promise-style calls only, which is all the
 * server, drizzle and pg-boss use.
 */
export function instrumentPool(pool: pg.Pool) {
  const captured: CapturedStatement[] = [];
  let recording = false;
  const wrapped = new WeakSet<object>();
  const wrap = <T extends { query: (...args: QueryArgs) => unknown }>(target: T): void => {
    if (wrapped.has(target)) return;
    wrapped.add(target);
    const original = target.query.bind(target);
    // pg's overloaded query() cannot be re-declared without its dozen overloads; the wrapper forwards arguments untouched.
    (target as { query: unknown }).query = (...args: QueryArgs) => {
      const result = original(...args);
      if (!recording || !(result instanceof Promise)) return result;
      const started = performance.now();
      const at = performance.timeOrigin + started;
      const statement = statementOf(args);
      return result.finally(() => captured.push({ ...statement, ms: performance.now() - started, at }));
    };
  };
  wrap(pool as unknown as { query: (...args: QueryArgs) => unknown });
  const originalConnect = pool.connect.bind(pool);
  // Same reason as above: connect() is overloaded (callback and promise forms); only the promise form is instrumented.
  (pool as { connect: unknown }).connect = async (...args: unknown[]) => {
    if (args.length > 0) return (originalConnect as (...a: unknown[]) => unknown)(...args);
    const client = await originalConnect();
    wrap(client as unknown as { query: (...args: QueryArgs) => unknown });
    return client;
  };
  return {
    captured,
    start() {
      captured.length = 0;
      recording = true;
    },
    stop(): CapturedStatement[] {
      recording = false;
      return [...captured];
    },
  };
}

/** What the server sent to the database per unit of work (a webhook, an answer), grouped by statement shape. */
export function summarizeStatements(statements: CapturedStatement[], units: number) {
  const shapes = new Map<string, { n: number; ms: number }>();
  let jobs = 0;
  for (const statement of statements) {
    const shape = statement.text.replace(/\s+/g, ' ').trim().slice(0, 90);
    if (/pgboss\./.test(statement.text)) jobs++;
    const entry = shapes.get(shape) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += statement.ms;
    shapes.set(shape, entry);
  }
  const per = (n: number) => round(n / Math.max(1, units), 2);
  return {
    total: per(statements.length),
    jobQueue: per(jobs),
    shapes: [...shapes.entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .slice(0, 20)
      .map(([sql, { n, ms }]) => ({ sql, perWebhook: per(n), avgMs: round(ms / n, 2) })),
  };
}

const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** Forks bench/<file> under tsx; its stdout joins our stderr, since only this process may write to stdout. */
export function forkDriver(file: string): ChildProcess {
  return fork(path.join(benchDir, file), [], {
    execArgv: ['--import', pathToFileURL(path.join(benchDir, '..', 'node_modules/tsx/dist/loader.mjs')).href],
    stdio: ['ignore', process.stderr, process.stderr, 'ipc'],
  });
}

/** The driver's next IPC message of this type; a `failed` message or the driver's exit rejects. */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type'], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => cleanup(new Error(`driver did not answer "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type: string; error?: string }) => {
      if (message.type === 'failed') cleanup(new Error(`driver failed: ${message.error}`));
      else if (message.type === type) cleanup(undefined, message as T);
    };
    const onExit = (code: number | null) => cleanup(new Error(`driver exited (${code})`));
    const cleanup = (error?: Error, value?: T) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value!);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export interface BenchCloud {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

export interface BenchCompany {
  companyId: number;
  adminToken: string;
  connection: { id: number; defaultQueueId: number | null; reopenWindowMinutes: number };
}

/** A company with its admin logged in and one Cloud API connection, created through the public API. */
export async function createCloudCompany(server: JimmyServer, baseUrl: string, cloud: BenchCloud): Promise<BenchCompany> {
  const http = httpClient(baseUrl);
  try {
    const adminEmail = `bench-admin-${randomBytes(3).toString('hex')}@example.com`;
    const adminPassword = 'bench admin password';
    const { companyId } = await server.services.companies.createWithAdmin({
      name: 'Bench',
      admin: { name: 'Bench Admin', email: adminEmail, password: adminPassword },
    });
    const adminToken = await login(http, adminEmail, adminPassword);
    const created = await http.postJson('/api/connections', { type: 'whatsapp_cloud', name: 'Bench Cloud', ...cloud }, adminToken);
    if (created.status !== 201) throw new Error(`connection: ${created.status} ${created.body}`);
    return { companyId, adminToken, connection: JSON.parse(created.body) as BenchCompany['connection'] };
  } finally {
    http.close();
  }
}
