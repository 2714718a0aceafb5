/**
 * Reports benchmark (issue 13): the reports page's data for a filter, over real loopback HTTP with
 * a real admin session, on a company with 100k tickets (~1M messages, 90 days in
 * America/Sao_Paulo) and on one with 1k tickets in the same database and server.
 *
 * 1. Seed both companies set-based (bench/lib-reports-data.ts: generate_series, no HTTP), timed.
 * 2. Fill the report aggregates with the reports module's rebuild (timed), or, if that export is
 *    not found, through POST /api/reports/recompute one local day at a time.
 * 3. "One page" = the requests the page sends together: overview + agents + queues + the first
 *    page of survey comments, in parallel; its time is until the last answer. p50/p95/max over
 *    BENCH_REPS repetitions for 7 and 90 days, company-wide and for one agent, on both companies,
 *    alternating big and small so machine noise hits both alike. Ratio 100k/1k per case, and a
 *    same-run baseline (GET /api/me) for reading the figures on a noisy machine.
 *
 * Quick run: `BENCH_TICKETS=2000 BENCH_SMALL_TICKETS=200 BENCH_REPS=5 npm run bench -- reports`
 * (PGlite). `BENCH_REPORTS_SEED_ONLY=1` seeds, counts and stops (checks the generator alone).
 */
import { hashPassword } from '../apps/server/src/infra/passwords.js';
import type { JimmyServer } from '../apps/server/src/app.js';
import {
  bootBenchServer,
  createBenchDatabase,
  httpClient,
  installDeadline,
  instrumentPool,
  log,
  login,
  percentile,
  printResult,
  round,
  type BenchDatabase,
  type CapturedStatement,
} from './lib.js';
import { seedReportsCompany, shapeFromEnv, type SeededReports } from './lib-reports-data.js';

const BIG = Number(process.env.BENCH_TICKETS ?? 100_000);
const SMALL = Number(process.env.BENCH_SMALL_TICKETS ?? 1_000);
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 30));
const WARMUP = 3;
const SEED_ONLY = process.env.BENCH_REPORTS_SEED_ONLY === '1';
const GOAL_PAGE_P95_MS = 500;
const GOAL_RATIO = 2;
/** The reports module the reports-data helper builds; a variable so this file compiles before it exists. */
const REPORTS_MODULE = '../apps/server/src/modules/reports/index.js';
const REBUILD_EXPORTS = ['rebuildReportAggregates', 'rebuildAggregates', 'rebuildReports', 'rebuildReportsRange'];

type Client = ReturnType<typeof httpClient>;
type Rebuild = (pool: unknown, companyId: number, fromDay: string, toDay: string) => Promise<unknown>;

interface Case {
  name: string;
  query: string;
}

const stats = (values: number[]) => ({
  n: values.length,
  p50Ms: percentile(values, 50),
  p95Ms: percentile(values, 95),
  maxMs: values.length > 0 ? round(Math.max(...values)) : null,
});

const PAGE = (query: string) => [
  `/api/reports/overview?${query}`,
  `/api/reports/agents?${query}`,
  `/api/reports/queues?${query}`,
  `/api/reports/survey-comments?${query}&limit=20`,
];

/** The page's requests in parallel (the client has one socket per request); the page is ready at the last answer. */
async function loadPage(client: Client, token: string, query: string) {
  const started = performance.now();
  const answers = await Promise.all(PAGE(query).map((url) => client.get(url, token)));
  const ms = performance.now() - started;
  const failed = answers.findIndex((answer) => answer.status !== 200);
  if (failed >= 0) throw new Error(`${PAGE(query)[failed]}: ${answers[failed]!.status} ${answers[failed]!.body.slice(0, 300)}`);
  return { ms, each: answers.map((answer) => answer.ms), bodies: answers.map((answer) => answer.body) };
}

async function findRebuild(): Promise<{ name: string; fn: Rebuild } | null> {
  try {
    const mod = (await import(REPORTS_MODULE)) as Record<string, unknown>;
    for (const name of REBUILD_EXPORTS) if (typeof mod[name] === 'function') return { name, fn: mod[name] as Rebuild };
    log(`reports module found, but none of ${REBUILD_EXPORTS.join(', ')}; exports: ${Object.keys(mod).join(', ')}`);
  } catch (error) {
    log(`reports module not loadable (${String(error).slice(0, 120)})`);
  }
  return null;
}

const dayList = (from: string, to: string) => {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T12:00:00Z`); at <= Date.parse(`${to}T12:00:00Z`); at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
};

/**
 * TODO(lead): the call assumes the contract's `rebuildReportAggregates(pool, companyId, fromDay,
 * toDay)` (inclusive local days). If reports-data exports another name or signature, adjust
 * REBUILD_EXPORTS / this call at merge; the HTTP fallback below works with the contract alone.
 */
async function rebuildAggregates(server: JimmyServer, client: Client, token: string, seeded: SeededReports) {
  const started = performance.now();
  const rebuild = await findRebuild();
  if (rebuild) {
    await rebuild.fn(server.database.pool, seeded.companyId, seeded.fromDay, seeded.toDay);
    return {
      via: `${rebuild.name}(pool, companyId, fromDay, toDay)`,
      days: dayList(seeded.fromDay, seeded.toDay).length,
      seconds: elapsed(started),
    };
  }
  const days = dayList(seeded.fromDay, seeded.toDay);
  let rowsRewritten = 0;
  for (const date of days) {
    const answer = await client.postJson('/api/reports/recompute', { date }, token);
    if (answer.status !== 200) throw new Error(`recompute ${date}: ${answer.status} ${answer.body.slice(0, 300)}`);
    rowsRewritten += Number((JSON.parse(answer.body) as { rowsRewritten?: number }).rowsRewritten ?? 0);
  }
  return { via: 'POST /api/reports/recompute per local day', days: days.length, rowsRewritten, seconds: elapsed(started) };
}

/** The few statements of one page load that took longest, by shape: where a slow page's time goes. */
function slowestStatements(statements: CapturedStatement[]) {
  return [...statements]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4)
    .map((statement) => ({ ms: round(statement.ms), sql: statement.text.replace(/\s+/g, ' ').trim().slice(0, 160) }));
}

/** Rows each report_* table holds for the company (whatever tables the reports module keeps): what a 90-day read walks. */
async function aggregateRows(server: JimmyServer, companyId: number): Promise<Record<string, number>> {
  const { rows: tables } = await server.database.pool.query<{ table_name: string }>(
    `select table_name from information_schema.columns
      where table_schema = 'public' and table_name like 'report%' and column_name = 'company_id' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const { rows } = await server.database.pool.query<{ n: string }>(`select count(*) as n from "${table}" where company_id = $1`, [
      companyId,
    ]);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

const elapsed = (started: number) => round((performance.now() - started) / 1000, 2);

async function main() {
  let database: BenchDatabase | undefined;
  let server: JimmyServer | undefined;
  const cleanup = async () => {
    await server?.close().catch((error: unknown) => log(`server close: ${String(error)}`));
    server = undefined;
    await database?.drop();
    database = undefined;
  };
  const disarm = installDeadline(Number(process.env.BENCH_DEADLINE_MIN ?? 45) * 60_000, cleanup);
  try {
    database = await createBenchDatabase('reports');
    log(`booting server on ${database.kind} database`);
    const booted = await bootBenchServer(database, { LOGIN_RATE_LIMIT: '1000' });
    server = booted.server;
    const passwordHash = await hashPassword('bench agent password');

    const shapes = { big: shapeFromEnv('big', BIG), small: shapeFromEnv('small', SMALL) };
    const seeded: Partial<Record<'big' | 'small', SeededReports>> = {};
    for (const key of ['small', 'big'] as const) {
      log(`seeding the ${key} company: ${shapes[key].tickets} tickets over ${shapes[key].days} days (${shapes[key].timeZone})`);
      seeded[key] = await seedReportsCompany(server, shapes[key], passwordHash);
      log(`  ${JSON.stringify(seeded[key].counts)}`);
    }
    const big = seeded.big!;
    const small = seeded.small!;
    const generation = {
      method:
        'set-based SQL (INSERT … SELECT over generate_series), no HTTP; secondary indexes of messages and ticket_events rebuilt after the load',
      big: {
        shape: shapes.big,
        aggregatorCheckpointHeld: big.aggregatorCheckpointHeld,
        counts: big.counts,
        eventsByKind: big.eventsByKind,
        seconds: big.seconds,
        days: [big.fromDay, big.toDay],
      },
      small: { shape: shapes.small, counts: small.counts, seconds: small.seconds },
    };
    if (SEED_ONLY) {
      printResult({ benchmark: 'reports', mode: 'seed-only', database: database.kind, generation });
      return;
    }

    const client = httpClient(booted.baseUrl, { maxSockets: PAGE('').length });
    try {
      const tokens = {
        big: await login(client, big.adminEmail, big.adminPassword),
        small: await login(client, small.adminEmail, small.adminPassword),
      };
      const rebuild = {
        small: await rebuildAggregates(server, client, tokens.small, small),
        big: await rebuildAggregates(server, client, tokens.big, big),
      };
      log(`rebuild: ${JSON.stringify(rebuild)}`);

      const cases = (s: SeededReports): Case[] => [
        { name: '7d-company', query: 'period=7d' },
        { name: '7d-agent', query: `period=7d&userId=${s.agentIds[0]}` },
        { name: '90d-company', query: 'period=90d' },
        { name: '90d-agent', query: `period=90d&userId=${s.agentIds[0]}` },
      ];
      const baselineTimes: number[] = [];
      const recorder = instrumentPool(server.database.pool);
      const slowest: Record<string, ReturnType<typeof slowestStatements>> = {};
      const results: Record<
        string,
        Record<'big' | 'small', ReturnType<typeof stats> & { endpoints: Record<string, ReturnType<typeof stats>> }>
      > = {};
      const firstBodies: Record<string, string> = {};
      for (const [index, bigCase] of cases(big).entries()) {
        const smallCase = cases(small)[index]!;
        const times = { big: [] as number[], small: [] as number[] };
        const each = { big: PAGE('').map(() => [] as number[]), small: PAGE('').map(() => [] as number[]) };
        for (let w = 0; w < WARMUP; w++) {
          // The last warm-up of the big company is recorded: which statements the page's time goes to.
          if (w === WARMUP - 1) recorder.start();
          const page = await loadPage(client, tokens.big, bigCase.query);
          if (w === WARMUP - 1) slowest[bigCase.name] = slowestStatements(recorder.stop());
          if (w === 0) firstBodies[bigCase.name] = page.bodies[0]!;
          await loadPage(client, tokens.small, smallCase.query);
        }
        for (let rep = 0; rep < REPS; rep++) {
          // Alternate which company goes first, so neither always follows the other's cache misses.
          const order = rep % 2 === 0 ? (['big', 'small'] as const) : (['small', 'big'] as const);
          for (const key of order) {
            const page = await loadPage(client, tokens[key], key === 'big' ? bigCase.query : smallCase.query);
            times[key].push(page.ms);
            page.each.forEach((ms, i) => each[key][i]!.push(ms));
          }
          baselineTimes.push((await client.get('/api/me', tokens.big)).ms);
        }
        const summarize = (key: 'big' | 'small') => ({
          ...stats(times[key]),
          endpoints: Object.fromEntries(['overview', 'agents', 'queues', 'surveyComments'].map((name, i) => [name, stats(each[key][i]!)])),
        });
        results[bigCase.name] = { big: summarize('big'), small: summarize('small') };
        log(
          `${bigCase.name.padEnd(12)} page p50/p95/max 100k ${results[bigCase.name]!.big.p50Ms}/${results[bigCase.name]!.big.p95Ms}/${results[bigCase.name]!.big.maxMs} ms` +
            `  1k ${results[bigCase.name]!.small.p50Ms}/${results[bigCase.name]!.small.p95Ms}/${results[bigCase.name]!.small.maxMs} ms`,
        );
      }

      const overview90 = JSON.parse(firstBodies['90d-company'] ?? '{}') as { totals?: Record<string, number> };
      const ratios = Object.fromEntries(
        Object.entries(results).map(([name, r]) => [
          name,
          {
            p50: r.big.p50Ms && r.small.p50Ms ? round(r.big.p50Ms / r.small.p50Ms, 2) : null,
            p95: r.big.p95Ms && r.small.p95Ms ? round(r.big.p95Ms / r.small.p95Ms, 2) : null,
          },
        ]),
      );
      const baseline = stats(baselineTimes);
      const worstP95 = Math.max(...Object.values(results).flatMap((r) => [r.big.p95Ms ?? Infinity, r.small.p95Ms ?? Infinity]));
      const worstRatio = Math.max(...Object.values(ratios).map((r) => r.p95 ?? Infinity));
      printResult({
        benchmark: 'reports',
        database: database.kind,
        repetitions: REPS,
        page: 'overview + agents + queues + survey-comments (limit 20), in parallel, one admin session each',
        generation,
        rebuild,
        baseline: { request: 'GET /api/me', ...baseline },
        cases: results,
        ratio100kTo1k: ratios,
        pageP95OverBaselineP50: Object.fromEntries(
          Object.entries(results).map(([name, r]) => [name, r.big.p95Ms && baseline.p50Ms ? round(r.big.p95Ms / baseline.p50Ms, 1) : null]),
        ),
        aggregateRows: { big: await aggregateRows(server, big.companyId), small: await aggregateRows(server, small.companyId) },
        slowestStatements100k: slowest,
        sanity: {
          seededCreatedEvents: big.eventsByKind.created ?? 0,
          seededMessagesIn: big.counts.messagesIn,
          overview90dTotals: overview90.totals ?? null,
        },
        goal: {
          pageP95UnderMs: GOAL_PAGE_P95_MS,
          worstPageP95Ms: round(worstP95),
          pageP95Met: worstP95 < GOAL_PAGE_P95_MS,
          ratioWithin: GOAL_RATIO,
          worstRatio: round(worstRatio),
          ratioMet: worstRatio <= GOAL_RATIO,
        },
      });
    } finally {
      client.close();
    }
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
