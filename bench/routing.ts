/**
 * Routing benchmark (issue 9): customers answering a 3-queue menu, webhook → routed `ticket.updated`.
 *
 * 1. One server with the inbound pipeline on, a Cloud connection whose menu is 3 queues, the fake
 *    Graph API in the forked driver. 2,000 customers write first ("open"), so 2,000 tickets wait in
 *    `bot` status with the menu sent. Then two separate sets of 1,000 answer at 50/s and at 200/s:
 *    a digit, a reply-button id and a queue name in turn. Latency runs from the driver starting the
 *    POST to the admin socket receiving `ticket.updated` with status `pending` for that ticket.
 * 2. Ingest capacity with the pipeline off and on (a fresh database each, the same 3-queue menu):
 *    a saturation step, the very traffic of `bench ingest`, with the SQL-only baseline of bench
 *    ingest measured on the same server just before, as the noisy machine's yardstick.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { Ticket } from '@jimmy/contracts';
import type { JimmyServer } from '../apps/server/src/app.js';
import { sqlBaseline, type SqlBaseline } from './lib-baseline.js';
import { BENCH_CLOUD as CLOUD, wamidFor, type DriverConfig, type StepReport } from './lib-ingest.js';
import type { GraphReady, GraphStats, RoutingDriverCommand, ScriptMessage, ScriptReport } from './lib-routing.js';
import {
  bootBenchServer,
  createBenchDatabase,
  createCloudCompany,
  forkDriver,
  httpClient,
  installDeadline,
  instrumentPool,
  log,
  nextMessage,
  percentile,
  printResult,
  round,
  sleep,
  summarizeStatements,
  type BenchCompany,
  type BenchDatabase,
  type CapturedStatement,
} from './lib.js';

/** Customers (and tickets) per answer rate: 500 + 500 = the issue's 1,000 new tickets. */
const CUSTOMERS_PER_RATE = Number(process.env.BENCH_ROUTING_CUSTOMERS ?? 500);
/** How long after an answer phase's last webhook its answers may still count as routed on their own. */
const ROUTE_DEADLINE_MS = 30_000;
const ANSWER_RATES = [50, 200];
const OPEN_RATE = 100;
const SATURATION_RATE = Number(process.env.BENCH_ROUTING_SATURATION_RATE ?? 3200);
const SATURATION_MS = Number(process.env.BENCH_ROUTING_SATURATION_MS ?? 10_000);
/** Pairs of pipeline off/on runs; the order alternates per pair so drift in machine load cancels out. */
const INGEST_PAIRS = Number(process.env.BENCH_ROUTING_INGEST_PAIRS ?? 1);
const MAX_IN_FLIGHT = 256;
const QUEUES = [
  { name: 'Vendas', greeting: 'Olá! Um vendedor já vai te atender.' },
  { name: 'Suporte', greeting: 'Bem-vindo ao Suporte! Conte o que aconteceu.' },
  { name: 'Financeiro', greeting: 'Financeiro: separe o número do pedido, por favor.' },
];
const ANSWER_KINDS = ['digit', 'button', 'text'] as const;
type AnswerKind = (typeof ANSWER_KINDS)[number];

interface Shop {
  server: JimmyServer;
  baseUrl: string;
  company: BenchCompany;
  queues: { id: number; name: string }[];
  menuThrough: 'api' | 'sql';
}

async function openShop(database: BenchDatabase, graphUrl: string, pipeline: 'on' | 'off'): Promise<Shop> {
  const { server, baseUrl } = await bootBenchServer(database, {
    WHATSAPP_GRAPH_URL: graphUrl,
    INBOUND_PIPELINE: pipeline,
  });
  const company = await createCloudCompany(server, baseUrl, CLOUD);
  const http = httpClient(baseUrl);
  const queues: Shop['queues'] = [];
  try {
    for (const queue of QUEUES) {
      const created = await http.postJson('/api/queues', { ...queue, userIds: [] }, company.adminToken);
      if (created.status !== 201) throw new Error(`queue: ${created.status} ${created.body}`);
      queues.push(JSON.parse(created.body) as { id: number; name: string });
    }
    const menu = queues.map((queue) => queue.id);
    // Through the API once PATCH /api/connections/:id takes the menu; until then the row the route would write.
    await http.request('PATCH', `/api/connections/${company.connection.id}`, {
      token: company.adminToken,
      body: JSON.stringify({ queueIds: menu }),
    });
    const pool = server.database.pool;
    const stored = await pool.query<{ n: number }>('select count(*)::int as n from connection_queues where connection_id = $1', [
      company.connection.id,
    ]);
    let menuThrough: Shop['menuThrough'] = 'api';
    if (stored.rows[0]?.n !== menu.length) {
      menuThrough = 'sql';
      await pool.query('delete from connection_queues where connection_id = $1', [company.connection.id]);
      for (const [position, queueId] of menu.entries()) {
        await pool.query('insert into connection_queues (company_id, connection_id, queue_id, position) values ($1, $2, $3, $4)', [
          company.companyId,
          company.connection.id,
          queueId,
          position,
        ]);
      }
    }
    return { server, baseUrl, company, queues, menuThrough };
  } finally {
    http.close();
  }
}

async function adminSocket(shop: Shop): Promise<Socket> {
  const socket = io(shop.baseUrl, { auth: { token: shop.company.adminToken }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect_error', reject);
    // The gateway answers a ping only after the socket joined its rooms, so nothing is missed from here on.
    socket.emit('ping', () => resolve());
  });
  return socket;
}

const wallClock = () => performance.timeOrigin + performance.now();
const phoneOf = (index: number) => String(5511800000000 + index);

function target(shop: Shop, runId: string): DriverConfig {
  return {
    type: 'config',
    baseUrl: shop.baseUrl,
    appSecret: CLOUD.appSecret,
    phoneNumberId: CLOUD.phoneNumberId,
    wabaId: CLOUD.wabaId,
    runId,
    customers: 1000,
    maxInFlight: MAX_IN_FLIGHT,
  };
}

async function runScript(driver: ChildProcess, stepId: string, rate: number, messages: ScriptMessage[]): Promise<ScriptReport> {
  const done = nextMessage<ScriptReport>(driver, 'scriptDone', (messages.length / rate) * 1000 + 120_000);
  driver.send({ type: 'script', stepId, rate, messages } satisfies RoutingDriverCommand);
  return done;
}

async function waitFor(what: string, timeoutMs: number, probe: () => Promise<{ done: boolean; progress: string }>) {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    const { done, progress } = await probe();
    if (done) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (${progress})`);
    if (Date.now() - lastLog > 5_000) {
      lastLog = Date.now();
      log(`waiting for ${what}: ${progress}`);
    }
    await sleep(200);
  }
}

/**
 * Setup only, never while an answer is timed: wakes the runner's worker every 10 ms. pg-boss's
 * worker sleeps out its 1 s polling interval after each batch unless it was notified during it,
 * so without traffic a backlog drains at batchSize (5) jobs per second.
 */
async function whileNudging<T>(server: JimmyServer, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => server.jobs.nudge('tickets.inbound'), 10);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

async function inboundBacklog(server: JimmyServer): Promise<number> {
  const { rows } = await server.database.pool.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job where name = 'tickets.inbound' and state in ('created', 'retry', 'active')`,
  );
  return rows[0]?.n ?? 0;
}

const stats = (values: number[]) => ({
  p50Ms: percentile(values, 50),
  p95Ms: percentile(values, 95),
  p99Ms: percentile(values, 99),
  maxMs: values.length > 0 ? round(Math.max(...values)) : null,
});

/** When each ticket's `tickets.inbound` job was inserted (end of that statement) and its runner locked it, from the pool's log. */
function runnerTimeline(statements: CapturedStatement[]) {
  const jobInserted = new Map<number, number>();
  const locked = new Map<number, number>();
  for (const statement of statements) {
    if (statement.text.includes('INSERT INTO pgboss.job') && statement.values.includes('tickets.inbound')) {
      const data = statement.values.find(
        (value): value is { ticketId: number } => typeof value === 'object' && value !== null && 'ticketId' in value,
      );
      if (data && !jobInserted.has(data.ticketId)) jobInserted.set(data.ticketId, statement.at + statement.ms);
    } else if (statement.text.includes('for update of t')) {
      const ticketId = Number(statement.values[0]);
      if (!locked.has(ticketId)) locked.set(ticketId, statement.at);
    }
  }
  return { jobInserted, locked };
}

async function main() {
  let database: BenchDatabase | undefined;
  let shop: Shop | undefined;
  let driver: ChildProcess | undefined;
  let socket: Socket | undefined;
  const closeShop = async () => {
    socket?.close();
    socket = undefined;
    await shop?.server.close().catch((error: unknown) => log(`server close: ${String(error)}`));
    shop = undefined;
    await database?.drop();
    database = undefined;
  };
  const cleanup = async () => {
    await closeShop();
    if (driver?.connected) driver.send({ type: 'stop' } satisfies RoutingDriverCommand);
    driver?.kill();
  };
  // About 4 minutes with one pair of ingest runs; the deadline only catches a hang.
  const disarm = installDeadline((8 + 2 * INGEST_PAIRS) * 60_000, cleanup);
  try {
    driver = forkDriver('routing-driver.ts');
    const graphReady = nextMessage<GraphReady>(driver, 'graphReady', 30_000);
    driver.send({ type: 'graph', accessToken: CLOUD.accessToken, phoneNumberId: CLOUD.phoneNumberId } satisfies RoutingDriverCommand);
    const graphUrl = (await graphReady).url;
    const point = async (runId: string) => {
      const ready = nextMessage(driver!, 'ready', 30_000);
      driver!.send({ type: 'target', config: target(shop!, runId) } satisfies RoutingDriverCommand);
      await ready;
    };

    // ---- 1. Answering the menu -------------------------------------------------------------
    database = await createBenchDatabase('routing');
    log(`booting server on ${database.kind} database (pipeline on)`);
    shop = await openShop(database, graphUrl, 'on');
    const { server, company, queues } = shop;
    const runId = randomBytes(3).toString('hex');
    await point(runId);
    socket = await adminSocket(shop);
    const routed = new Map<number, { at: number; queueId: number }>();
    socket.on('ticket.updated', ({ ticket }: { ticket: Ticket }) => {
      if (ticket.status === 'pending' && ticket.queueId !== null && !routed.has(ticket.id)) {
        routed.set(ticket.id, { at: wallClock(), queueId: ticket.queueId });
      }
    });

    const customers = CUSTOMERS_PER_RATE * ANSWER_RATES.length;
    log(`open: ${customers} customers write first at ${OPEN_RATE}/s`);
    const openStarted = Date.now();
    const firstMessages = Array.from({ length: customers }, (_, i) => ({
      from: phoneOf(i),
      id: `wamid.R${runId}O${i}`,
      message: { type: 'text', text: { body: 'Oi, boa tarde! Preciso de ajuda com um pedido.' } },
    }));
    // Not measured: what the driver shed (in-flight cap) or the server refused is simply sent again.
    let pending = firstMessages;
    const opening = { acked: 0, elapsedMs: 0, httpP50: null as number | null };
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 5) throw new Error(`open: ${pending.length} first messages never acknowledged`);
      const report = await runScript(driver, `O${attempt}`, OPEN_RATE, pending);
      opening.acked += report.acked;
      opening.elapsedMs += report.elapsedMs;
      opening.httpP50 ??= report.httpP50;
      pending = pending.filter((_, i) => !Number.isFinite(report.ackedAt[i]));
      if (pending.length > 0)
        log(`open: ${pending.length} not acknowledged (${report.shed} shed, ${JSON.stringify(report.errorKinds)}); sending them again`);
    }
    const menuWait = await whileNudging(server, () =>
      waitFor('every menu', 180_000, async () => {
        const { rows } = await server.database.pool.query<{ n: number }>(
          `select count(distinct ticket_id)::int as n from ticket_events where company_id = $1 and kind = 'menu-sent'`,
          [company.companyId],
        );
        const n = rows[0]?.n ?? 0;
        return { done: n >= customers, progress: `${n}/${customers} tickets have their menu` };
      }),
    );
    const ticketOf = new Map<string, number>();
    const { rows: ticketRows } = await server.database.pool.query<{ phone: string; id: number; status: string }>(
      `select c.phone, t.id, t.status from tickets t join contacts c on c.id = t.contact_id where t.company_id = $1`,
      [company.companyId],
    );
    for (const row of ticketRows) ticketOf.set(row.phone.replace(/^\+/, ''), Number(row.id));
    const inBot = ticketRows.filter((row) => row.status === 'bot').length;
    if (inBot !== customers) throw new Error(`open: ${inBot}/${customers} tickets in bot status`);
    const secondsUntilEveryMenu = (Date.now() - openStarted) / 1000;
    const open = {
      tickets: customers,
      achievedPerSecond: round(opening.acked / (opening.elapsedMs / 1000), 1),
      httpP50Ms: opening.httpP50,
      secondsUntilEveryMenu: round(secondsUntilEveryMenu, 1),
      secondsAfterLastWebhook: round(menuWait, 1),
      menusPerSecond: round(customers / secondsUntilEveryMenu, 1),
      runnerNudgedWhileWaiting: true,
    };
    log(`open: ${customers} tickets in bot status with the menu sent, ${open.secondsUntilEveryMenu} s after the first message`);

    const recorder = instrumentPool(server.database.pool);
    const answerPhase = async (setIndex: number, rate: number) => {
      const first = setIndex * CUSTOMERS_PER_RATE;
      const plan = Array.from({ length: CUSTOMERS_PER_RATE }, (_, n) => {
        const phone = phoneOf(first + n);
        const queue = queues[n % 3]!;
        // Every kind of answer meets every queue: kind changes every 3 customers, queue every one.
        const kind: AnswerKind = ANSWER_KINDS[Math.floor(n / 3) % 3]!;
        const message =
          kind === 'digit'
            ? { type: 'text', text: { body: String((n % 3) + 1) } }
            : kind === 'button'
              ? { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: String(queue.id), title: queue.name } } }
              : { type: 'text', text: { body: queue.name.toLowerCase() } };
        const ticketId = ticketOf.get(phone);
        if (ticketId === undefined) throw new Error(`no ticket for ${phone}`);
        return { ticketId, queueId: queue.id, kind, script: { from: phone, id: `wamid.R${runId}A${first + n}`, message } };
      });
      log(`answer: ${plan.length} customers answer the menu at ${rate}/s`);
      recorder.start();
      const report = await runScript(
        driver!,
        `A${rate}`,
        rate,
        plan.map((p) => p.script),
      );
      const acked = plan.filter((_, i) => Number.isFinite(report.ackedAt[i]));
      const deadline = Date.now() + ROUTE_DEADLINE_MS;
      const routedCount = () => acked.filter((p) => routed.has(p.ticketId)).length;
      while (Date.now() < deadline && routedCount() < acked.length) await sleep(100);
      const lateAfterDeadline = acked.length - routedCount();
      if (lateAfterDeadline > 0)
        log(`answer ${rate}/s: ${lateAfterDeadline} not routed ${ROUTE_DEADLINE_MS / 1000} s after the last webhook; draining them`);
      // Only to tell late from lost (and to leave the next phase a clean start); those times are lower bounds.
      await whileNudging(server, async () => {
        const until = Date.now() + 120_000;
        while (Date.now() < until && routedCount() < acked.length) {
          if ((await inboundBacklog(server)) === 0) {
            // Nothing left to run: one more second for the last commit's event, then the rest is lost.
            await sleep(1_000);
            break;
          }
          await sleep(100);
        }
      });
      const statements = recorder.stop();
      const { jobInserted, locked } = runnerTimeline(statements);
      const { rows } = await server.database.pool.query<{ n: number }>(
        `select count(*)::int as n from tickets where id = any($1::bigint[]) and status = 'pending' and queue_id is not null`,
        [acked.map((p) => p.ticketId)],
      );
      const routedInDatabase = rows[0]?.n ?? 0;

      const latencies: number[] = [];
      const byKind: Record<AnswerKind, number[]> = { digit: [], button: [], text: [] };
      const ingestToJob: number[] = [];
      const pickup: number[] = [];
      const runnerToSocket: number[] = [];
      const httpAck: number[] = [];
      let misrouted = 0;
      for (const [i, p] of plan.entries()) {
        const sentAt = report.sentAt[i]!;
        const ackedAt = report.ackedAt[i]!;
        const event = routed.get(p.ticketId);
        if (!Number.isFinite(ackedAt) || !event) continue;
        if (event.queueId !== p.queueId) misrouted++;
        latencies.push(event.at - sentAt);
        byKind[p.kind].push(event.at - sentAt);
        httpAck.push(ackedAt - sentAt);
        const inserted = jobInserted.get(p.ticketId);
        const lockedAt = locked.get(p.ticketId);
        if (inserted !== undefined) ingestToJob.push(inserted - sentAt);
        if (inserted !== undefined && lockedAt !== undefined) pickup.push(lockedAt - inserted);
        if (lockedAt !== undefined) runnerToSocket.push(event.at - lockedAt);
      }
      const result = {
        targetPerSecond: rate,
        achievedPerSecond: round(report.acked / (report.elapsedMs / 1000), 1),
        answers: plan.length,
        acked: report.acked,
        shedByDriver: report.shed,
        errors: report.errors,
        routed: latencies.length,
        lost: report.acked - routedInDatabase,
        lateAfterDeadline,
        percentilesAreLowerBounds: lateAfterDeadline > 0,
        socketMissed: routedInDatabase - latencies.length,
        misrouted,
        ...stats(latencies),
        byKind: Object.fromEntries(
          ANSWER_KINDS.map((kind) => [kind, { p50Ms: percentile(byKind[kind], 50), p95Ms: percentile(byKind[kind], 95) }]),
        ),
        breakdown: {
          webhookToHttpAck: stats(httpAck),
          webhookToJobInserted: stats(ingestToJob),
          jobInsertedToRunnerLock: stats(pickup),
          runnerLockToSocket: stats(runnerToSocket),
        },
        sqlPerAnswer: summarizeStatements(statements, report.acked),
      };
      log(
        `answer ${rate}/s: ${result.achievedPerSecond}/s acked, ${result.routed} routed, ${result.lost} lost, ${misrouted} misrouted; p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms`,
      );
      return result;
    };
    const answers: Record<string, Awaited<ReturnType<typeof answerPhase>>> = {};
    for (const [index, rate] of ANSWER_RATES.entries()) {
      await sleep(1_000);
      answers[`answer${rate}`] = await answerPhase(index, rate);
    }
    const graphStats = nextMessage<GraphStats>(driver, 'graphStats', 10_000);
    driver.send({ type: 'graphStats' } satisfies RoutingDriverCommand);
    const graphSent = (await graphStats).sent;
    const databaseKind = database.kind;
    const menuThrough = shop.menuThrough;
    await closeShop();

    // ---- 2. Ingest capacity, pipeline off vs on --------------------------------------------
    const ingestRun = async (pipeline: 'on' | 'off', pair: number) => {
      database = await createBenchDatabase(`routing_${pipeline}`);
      log(`ingest, pipeline ${pipeline}: booting a fresh server`);
      shop = await openShop(database, graphUrl, pipeline);
      const run = randomBytes(3).toString('hex');
      await point(run);
      socket = await adminSocket(shop);
      let socketMessages = 0;
      socket.on('message.created', () => socketMessages++);
      const step = async (stepId: string, rate: number, durationMs: number) => {
        const done = nextMessage<StepReport>(driver!, 'stepDone', durationMs + 120_000);
        driver!.send({ type: 'step', stepId, rate, durationMs } satisfies RoutingDriverCommand);
        return done;
      };
      // bench ingest's warm-up: 1,000 new tickets (each gets the menu when the pipeline is on).
      await step('W', 100, 10_000);
      const drainWarmup = await whileNudging(shop.server, () =>
        waitFor('the runner to finish the warm-up', 120_000, async () => {
          const backlog = await inboundBacklog(shop!.server);
          return { done: backlog === 0, progress: `${backlog} tickets.inbound jobs left` };
        }),
      );
      const pool = shop.server.database.pool;
      const baselineTarget: pg.ClientConfig =
        database.kind === 'postgres' && database.url
          ? { connectionString: database.url }
          : { host: pool.options.host, port: pool.options.port, user: 'postgres', database: 'postgres' };
      const connection = {
        id: shop.company.connection.id,
        companyId: shop.company.companyId,
        type: 'whatsapp_cloud' as const,
        reopenWindowMinutes: shop.company.connection.reopenWindowMinutes,
      };
      // One client on PGlite, which runs one statement at a time anyway.
      const baseline: SqlBaseline = await sqlBaseline(baselineTarget, connection, run, { clients: database.kind === 'postgres' ? 4 : 1 });
      const recorder = instrumentPool(pool);
      recorder.start();
      const report = await step('S', SATURATION_RATE, SATURATION_MS);
      const statements = recorder.stop();
      const backlogAfter = pipeline === 'on' ? await inboundBacklog(shop.server) : 0;
      const wamids = report.ackedSeqs.map((seq) => wamidFor(run, 'S', seq));
      const { rows } = await pool.query<{ n: number }>(
        'select count(*)::int as n from messages where connection_id = $1 and external_id = any($2::text[])',
        [shop.company.connection.id, wamids],
      );
      const perSecond = round(report.acked / (report.elapsedMs / 1000), 1);
      const result = {
        pipeline,
        pair,
        perSecond,
        acked: report.acked,
        shedByDriver: report.shed,
        errors: report.errors,
        lost: report.acked - (rows[0]?.n ?? 0),
        httpP50Ms: report.httpP50,
        sqlBaselinePerSecond: baseline.perSecond,
        perBaseline: round(perSecond / baseline.perSecond, 3),
        secondsToDrainWarmup: round(drainWarmup, 1),
        inboundJobsLeftAfterStep: backlogAfter,
        // What the pipeline adds to each webhook shows as the difference between the two runs.
        sqlPerWebhook: summarizeStatements(statements, report.acked),
        socketMessages,
      };
      log(
        `ingest, pipeline ${pipeline}: ${perSecond}/s (${result.lost} lost, ${report.errors} errors), SQL baseline ${baseline.perSecond} tx/s${pipeline === 'on' ? `, ${backlogAfter} runner jobs still queued` : ''}`,
      );
      await closeShop();
      return result;
    };
    const runs: Awaited<ReturnType<typeof ingestRun>>[] = [];
    for (let pair = 0; pair < INGEST_PAIRS; pair++) {
      for (const pipeline of pair % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        runs.push(await ingestRun(pipeline, pair));
      }
    }
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const of = (pipeline: 'on' | 'off') => runs.filter((r) => r.pipeline === pipeline);
    const offPerSecond = round(mean(of('off').map((r) => r.perSecond)), 1);
    const onPerSecond = round(mean(of('on').map((r) => r.perSecond)), 1);
    const offPerBaseline = mean(of('off').map((r) => r.perBaseline));
    const onPerBaseline = mean(of('on').map((r) => r.perBaseline));
    const ratio = round(onPerSecond / offPerSecond, 3);
    const ratioAgainstBaseline = round(onPerBaseline / offPerBaseline, 3);

    const answer50 = answers.answer50!;
    printResult({
      benchmark: 'routing',
      database: databaseKind,
      cores: os.availableParallelism(),
      settings: {
        customersPerRate: CUSTOMERS_PER_RATE,
        sets: 'a separate set of customers (and tickets) per answer rate',
        openPerSecond: OPEN_RATE,
        queues: QUEUES.length,
        menuStoredThrough: menuThrough,
        answerMix: 'digit "1"-"3", reply-button id, queue name as text; in turn, each with every queue',
        ingestMethod: `saturation: ${SATURATION_RATE}/s offered for ${SATURATION_MS / 1000} s, ≤ ${MAX_IN_FLIGHT} in flight, bench ingest's messages after its warm-up`,
        ingestPairs: INGEST_PAIRS,
      },
      open,
      ...answers,
      graphApiSends: graphSent,
      ingest: {
        pipelineOffPerSecond: offPerSecond,
        pipelineOnPerSecond: onPerSecond,
        ratio,
        withinTenPercent: ratio >= 0.9,
        ratioAgainstBaseline,
        withinTenPercentAgainstBaseline: ratioAgainstBaseline >= 0.9,
        runs,
      },
      goal: { p95Under100msAt50: answer50.p95Ms !== null && answer50.p95Ms < 100 && answer50.lost === 0, p95At50Ms: answer50.p95Ms },
    });
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
