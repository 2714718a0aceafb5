/**
 * Console read paths at two data sizes (API-CONTRACT.md, "Benchmarks"): the ticket tabs, opening a
 * conversation, a contact's service history and search, timed over real loopback HTTP, then the
 * SQL each request actually sent (captured from the server's pool, not retyped) under
 * EXPLAIN (ANALYZE, BUFFERS) at the largest size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { JimmyServer } from '../apps/server/src/app.js';
import { hashPassword } from '../apps/server/src/infra/passwords.js';
import {
  bootBenchServer,
  createBenchDatabase,
  httpClient,
  indexesInPlan,
  installDeadline,
  instrumentPool,
  log,
  login,
  percentile,
  printResult,
  round,
  sampleGet,
  type BenchDatabase,
  type CapturedStatement,
} from './lib.js';
import { AGENT_PASSWORD, SeedBudgetExceeded, seedConsole, type Seeded } from './lib-console-seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES: Record<string, number> = { '1k': 1_000, '100k': 100_000 };
const requestedSizes = (process.env.BENCH_SIZES ?? '1k,100k')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s in SIZES);
const WARMUP = 20;
const SAMPLES = 200;
/** Per query; a pathological query is reported with fewer samples rather than stretching the run. */
const QUERY_BUDGET_MS = 15_000;
interface QuerySpec {
  name: string;
  url: string;
  as: 'agent' | 'admin';
}

function querySpecs(seeded: Seeded): QuerySpec[] {
  return [
    { name: 'agentOpenMine', url: '/api/tickets?status=open&scope=mine', as: 'agent' },
    { name: 'agentPending', url: '/api/tickets?status=pending', as: 'agent' },
    { name: 'agentClosed', url: '/api/tickets?status=closed', as: 'agent' },
    { name: 'adminOpen', url: '/api/tickets?status=open', as: 'admin' },
    { name: 'adminAll', url: '/api/tickets', as: 'admin' },
    { name: 'openConversation', url: `/api/tickets/${seeded.bigTicketId}/messages?limit=50`, as: 'agent' },
    { name: 'contactHistory', url: `/api/contacts/${seeded.historyContactId}/history`, as: 'admin' },
    // ~1 % of messages carry "reembolso"; "boleto" is in 2 of the 20 stock phrases (~10 %).
    { name: 'searchRare', url: '/api/tickets?q=reembolso', as: 'admin' },
    { name: 'searchCommon', url: '/api/tickets?q=boleto', as: 'admin' },
    { name: 'agentSearchRare', url: '/api/tickets?q=reembolso', as: 'agent' },
  ];
}

interface QueryResult {
  p50: number | null;
  p95: number | null;
  samples: number;
  items: number | null;
  sqlPerRequest: number;
  statements: CapturedStatement[];
}

async function measure(server: JimmyServer, baseUrl: string, seeded: Seeded): Promise<Record<string, QueryResult>> {
  const http = httpClient(baseUrl);
  const recorder = instrumentPool(server.database.pool);
  try {
    const tokens = {
      admin: await login(http, seeded.adminEmail, seeded.adminPassword),
      agent: await login(http, seeded.agentEmail, AGENT_PASSWORD),
    };
    const results: Record<string, QueryResult> = {};
    for (const spec of querySpecs(seeded)) {
      // One request alone under the recorder: its statements are what sqlPerRequest counts.
      recorder.start();
      const probe = await http.get(spec.url, tokens[spec.as]);
      // pg-boss polls on the same pool; its statements are not this request's.
      const statements = recorder.stop().filter((s) => !/pgboss\./.test(s.text));
      if (probe.status !== 200) throw new Error(`${spec.name}: ${probe.status} ${probe.body.slice(0, 200)}`);
      const { first, times } = await sampleGet(http, spec.url, tokens[spec.as], {
        warmup: WARMUP,
        samples: SAMPLES,
        budgetMs: QUERY_BUDGET_MS,
      });
      const items = (JSON.parse(first.body) as { items?: unknown[] }).items?.length ?? null;
      results[spec.name] = {
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        samples: times.length,
        items,
        sqlPerRequest: statements.length,
        statements,
      };
      log(
        `  ${spec.name.padEnd(16)} p50 ${results[spec.name]!.p50} ms  p95 ${results[spec.name]!.p95} ms  (${times.length} samples, ${items} items, ${statements.length} SQL statements)`,
      );
    }
    return results;
  } finally {
    http.close();
  }
}

interface ExplainSummary {
  sql: string;
  indexes: string[];
  seqScans: string[];
  seqScansOnLargeTables: boolean;
  rowsRemovedByFilter: number;
  executionMs: number | null;
  planningMs: number | null;
}

function summarizePlan(sql: string, plan: string): ExplainSummary {
  const seqScans = [...plan.matchAll(/Seq Scan on (\S+)(?: (\w+))?/g)].map((m) => m[1]!);
  const removed = [...plan.matchAll(/Rows Removed by (?:Filter|Index Recheck): (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  return {
    sql: sql.replace(/\s+/g, ' ').trim().slice(0, 160),
    indexes: indexesInPlan(plan),
    seqScans,
    seqScansOnLargeTables: seqScans.some((table) => table === 'tickets' || table === 'messages'),
    rowsRemovedByFilter: removed,
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN) || null,
    planningMs: Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN) || null,
  };
}

/** The request's main statement is the slowest one that reads tickets or messages (auth and visibility lookups are constant-time). */
function mainStatement(statements: CapturedStatement[]): CapturedStatement | undefined {
  const data = statements.filter((s) => /\bfrom (tickets|messages)\b/i.test(s.text) && /^\s*select/i.test(s.text));
  return [...data].sort((a, b) => b.ms - a.ms)[0];
}

async function explainAll(pool: pg.Pool, results: Record<string, QueryResult>, planFile: string) {
  const summaries: Record<string, ExplainSummary & { otherStatements: string[] }> = {};
  const plans: string[] = [];
  for (const [name, result] of Object.entries(results)) {
    const main = mainStatement(result.statements);
    if (!main) continue;
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${main.text}`, main.values);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    plans.push(`=== ${name}\n${main.text.trim()}\n-- values: ${JSON.stringify(main.values)}\n${plan}\n`);
    summaries[name] = {
      ...summarizePlan(main.text, plan),
      otherStatements: result.statements.filter((s) => s !== main).map((s) => s.text.replace(/\s+/g, ' ').trim().slice(0, 70)),
    };
  }
  writeFileSync(planFile, plans.join('\n'));
  return summaries;
}

async function main() {
  let database: BenchDatabase | undefined;
  let server: JimmyServer | undefined;
  const cleanup = async () => {
    await server?.close().catch((error: unknown) => log(`server close: ${String(error)}`));
    server = undefined;
    await database?.drop();
    database = undefined;
  };
  // Embedded seeding of 1M messages is the slow part; its own budget stops it well before this.
  const disarm = installDeadline(25 * 60_000, cleanup);
  try {
    const passwordHash = await hashPassword(AGENT_PASSWORD);
    const sizes: Record<string, unknown> = {};
    const seedSeconds: Record<string, unknown> = {};
    const measured: Record<string, Record<string, QueryResult>> = {};
    let explain: Record<string, unknown> | null = null;
    let databaseKind: 'embedded' | 'postgres' = process.env.BENCH_DATABASE_URL ? 'postgres' : 'embedded';
    const resultsDir = path.join(here, 'results');
    mkdirSync(resultsDir, { recursive: true });

    for (const [index, label] of requestedSizes.entries()) {
      const size = SIZES[label]!;
      database = await createBenchDatabase(`console${label}`);
      databaseKind = database.kind;
      log(`size ${label}: booting server on ${database.kind} database and seeding ${size} tickets`);
      const booted = await bootBenchServer(database);
      server = booted.server;
      let seeded: Seeded;
      try {
        seeded = await seedConsole(server, size, passwordHash);
      } catch (error) {
        if (!(error instanceof SeedBudgetExceeded)) throw error;
        log(`size ${label} skipped: ${error.message}`);
        sizes[label] = { skipped: error.message };
        await cleanup();
        continue;
      }
      seedSeconds[label] = seeded.seconds;
      log(
        `size ${label}: ${seeded.tickets} tickets, ${seeded.messages} messages, ${seeded.contacts} contacts seeded in ${seeded.seconds.total} s; measuring`,
      );
      const results = await measure(server, booted.baseUrl, seeded);
      measured[label] = results;
      sizes[label] = {
        tickets: seeded.tickets,
        messages: seeded.messages,
        contacts: seeded.contacts,
        queries: Object.fromEntries(
          Object.entries(results).map(([name, r]) => [
            name,
            { p50: r.p50, p95: r.p95, samples: r.samples, items: r.items, sqlPerRequest: r.sqlPerRequest },
          ]),
        ),
      };
      if (index === requestedSizes.length - 1) {
        log(`size ${label}: EXPLAIN (ANALYZE, BUFFERS) of each request's main statement`);
        const planFile = path.join(resultsDir, `console-explain-${database.kind}-${label}.txt`);
        explain = {
          size: label,
          planFile: path.relative(path.resolve(here, '..'), planFile),
          queries: await explainAll(server.database.pool, results, planFile),
        };
      }
      await cleanup();
    }

    const p95Ratio: Record<string, number | null> = {};
    if (measured['1k'] && measured['100k']) {
      for (const name of Object.keys(measured['1k'])) {
        const small = measured['1k'][name]?.p95;
        const large = measured['100k'][name]?.p95;
        p95Ratio[name] = small && large ? round(large / small, 2) : null;
      }
    }
    printResult({ benchmark: 'console', database: databaseKind, seedSeconds, sizes, p95Ratio, explain });
  } finally {
    disarm();
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
