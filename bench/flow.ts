/**
 * Service-flow benchmark (issue 11).
 *
 * 1. Engine in isolation: the pure step loop over a realistic flow (greeting, three questions with
 *    validation, a condition, a tag, a variable, working hours, a menu and a transfer), one core.
 *    Same-run yardstick: JSON round trips of the session per second (what the runner pays anyway
 *    to store it), so a noisy machine's figure can be read as a ratio.
 * 2. The whole path on the database (BENCH_DATABASE_URL for PostgreSQL, else embedded): customers
 *    answering the flow's questions through the Cloud webhook; each answer's bot reply goes through
 *    the runner and the send job to the fake Graph API (in the forked driver). Latency runs from the
 *    driver starting the POST to the reply's `status_at` (the send job's commit after Graph accepted
 *    it). At 50 replies/s, then saturation: replies/s with a backlog. Yardstick: bench ingest's
 *    plain-SQL baseline on the same server.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import type { ChildProcess } from 'node:child_process';
import { compileFlow, newSession, step, type CompiledFlow, type FlowContext, type FlowEvent } from '@jimmy/flow-engine';
import type { JimmyServer } from '../apps/server/src/app.js';
import { sqlBaseline } from './lib-baseline.js';
import { BENCH_CLOUD as CLOUD, type DriverConfig } from './lib-ingest.js';
import type { GraphReady, RoutingDriverCommand, ScriptMessage, ScriptReport } from './lib-routing.js';
import {
  bootBenchServer,
  createBenchDatabase,
  createCloudCompany,
  forkDriver,
  httpClient,
  installDeadline,
  log,
  nextMessage,
  percentile,
  printResult,
  round,
  sleep,
  type BenchCompany,
  type BenchDatabase,
} from './lib.js';

const ENGINE_SECONDS = Number(process.env.BENCH_FLOW_ENGINE_SECONDS ?? 3);
const CUSTOMERS = Number(process.env.BENCH_FLOW_CUSTOMERS ?? 150);
const SATURATION_CUSTOMERS = Number(process.env.BENCH_FLOW_SATURATION_CUSTOMERS ?? 200);
const REPLY_RATE = 50;
const SATURATION_RATE = Number(process.env.BENCH_FLOW_SATURATION_RATE ?? 400);
const ANSWERS = ['Maria Souza', 'São Paulo', 'maria@example.com', '1'];

type NodeSpec = [string, string, unknown];
function graph(nodes: NodeSpec[], edges: [string, string, string][]) {
  return {
    format: 1,
    nodes: nodes.map(([id, type, data], index) => ({ id, type, position: { x: index * 200, y: 0 }, data })),
    edges: edges.map(([source, sourceHandle, target]) => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target })),
    variables: [],
  };
}

/** Four customer answers, each answered by the bot (the next question, the menu, the transfer message). */
function benchFlow(queueId: number) {
  return graph(
    [
      ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }],
      ['greet', 'message', { text: 'Olá! Sou o assistente da loja.' }],
      ['name', 'question', { prompt: 'Qual é o seu nome?', answer: 'text', saveAs: 'nome' }],
      ['city', 'question', { prompt: 'De que cidade você fala, {{nome}}?', answer: 'text', saveAs: 'cidade' }],
      ['email', 'question', { prompt: 'E o seu e-mail?', answer: 'email', saveAs: 'email' }],
      [
        'vip',
        'condition',
        {
          groups: [{ rules: [{ source: { kind: 'variable', name: 'cidade' }, operator: 'contains', value: 'paulo' }] }],
        },
      ],
      ['tag', 'tag', { action: 'add', tag: 'SP' }],
      ['when', 'setVariable', { name: 'quando', value: { kind: 'template', template: '{{nome}} em {{cidade}}' } }],
      ['hours', 'workingHours', { target: { kind: 'company' } }],
      [
        'menu',
        'menu',
        {
          text: 'Como posso ajudar?',
          options: [
            { id: 'pedido', label: 'Meu pedido' },
            { id: 'troca', label: 'Troca' },
            { id: 'outro', label: 'Outro assunto' },
          ],
        },
      ],
      ['transfer', 'transfer', { queueId: String(queueId), message: 'Um atendente já vai falar com você.' }],
    ],
    [
      ['start', 'next', 'greet'],
      ['greet', 'next', 'name'],
      ['name', 'next', 'city'],
      ['city', 'next', 'email'],
      ['email', 'next', 'vip'],
      ['vip', 'true', 'tag'],
      ['vip', 'false', 'when'],
      ['tag', 'next', 'when'],
      ['when', 'next', 'hours'],
      ['hours', 'open', 'menu'],
      ['hours', 'break', 'menu'],
      ['hours', 'closed', 'menu'],
      ['menu', 'pedido', 'transfer'],
      ['menu', 'troca', 'transfer'],
      ['menu', 'outro', 'transfer'],
    ],
  );
}

function engineBench() {
  const compiled = compileFlow('bench', benchFlow(1));
  if (!compiled.ok) throw new Error(`bench flow does not compile: ${JSON.stringify(compiled.problems)}`);
  const flow: CompiledFlow = compiled.flow;
  const ctx: FlowContext = {
    now: Date.UTC(2026, 5, 15, 15, 0),
    random: () => 0.5,
    timeZone: 'America/Sao_Paulo',
    contact: { fields: { name: 'Cliente' }, tags: [] },
    hours: { company: 'open', queues: {} },
  };
  const events: FlowEvent[] = [{ type: 'start', text: 'oi' }, ...ANSWERS.map((text): FlowEvent => ({ type: 'reply', text }))];
  let steps = 0;
  let nodes = 0;
  let ended = 0;
  const stopAt = performance.now() + ENGINE_SECONDS * 1000;
  const started = performance.now();
  while (performance.now() < stopAt) {
    for (let round = 0; round < 100; round++) {
      let session = newSession(flow);
      for (const event of events) {
        const result = step(flow, session, event, ctx);
        session = result.session;
        nodes += result.log.length;
        steps++;
      }
      if (session.status === 'ended') ended++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  // The yardstick: a mid-flow session's JSON round trip (the runner stores and reloads it per step).
  let session = newSession(flow);
  for (const event of events.slice(0, 3)) session = step(flow, session, event, ctx).session;
  let roundTrips = 0;
  const baseStop = performance.now() + 1000;
  const baseStarted = performance.now();
  while (performance.now() < baseStop) {
    for (let i = 0; i < 100; i++) JSON.parse(JSON.stringify(session));
    roundTrips += 100;
  }
  const baselinePerSecond = roundTrips / ((performance.now() - baseStarted) / 1000);
  const stepsPerSecond = steps / seconds;
  return {
    stepsPerSecond: Math.round(stepsPerSecond),
    nodesPerSecond: Math.round(nodes / seconds),
    sessionsCompleted: ended,
    goalStepsPerSecond: 100_000,
    meetsGoal: stepsPerSecond > 100_000,
    baselineJsonRoundTripsPerSecond: Math.round(baselinePerSecond),
    stepsPerJsonRoundTrip: round(stepsPerSecond / baselinePerSecond, 3),
  };
}

const phoneOf = (set: string, index: number) => `55119${set === 'L' ? '1' : '2'}${String(index).padStart(7, '0')}`;
const textMessage = (body: string) => ({ type: 'text', text: { body } });

async function runScript(driver: ChildProcess, stepId: string, rate: number, messages: ScriptMessage[]): Promise<ScriptReport> {
  const done = nextMessage<ScriptReport>(driver, 'scriptDone', (messages.length / rate) * 1000 + 120_000);
  driver.send({ type: 'script', stepId, rate, messages } satisfies RoutingDriverCommand);
  return done;
}

/** Sends every message, resending what was shed or refused (the same wamid: stored once); the first attempt's report. */
async function sendAll(driver: ChildProcess, stepId: string, rate: number, messages: ScriptMessage[]): Promise<ScriptReport> {
  const first = await runScript(driver, stepId, rate, messages);
  let pending = messages.filter((_, i) => !Number.isFinite(first.ackedAt[i]));
  for (let attempt = 2; pending.length > 0; attempt++) {
    if (attempt > 6) throw new Error(`${stepId}: ${pending.length} messages never acknowledged`);
    log(`${stepId}: resending ${pending.length} unacknowledged messages`);
    await sleep(1000);
    const report = await runScript(driver, `${stepId}${attempt}`, Math.min(rate, 100), pending);
    pending = pending.filter((_, i) => !Number.isFinite(report.ackedAt[i]));
  }
  return first;
}

async function waitFor(what: string, timeoutMs: number, probe: () => Promise<{ done: boolean; progress: string }>) {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    const { done, progress } = await probe();
    if (done) return;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what} (${progress})`);
    if (Date.now() - lastLog > 5_000) {
      lastLog = Date.now();
      log(`waiting for ${what}: ${progress}`);
    }
    await sleep(200);
  }
}

/** Bot replies sent to Graph so far for these customers' tickets. */
async function sentReplies(server: JimmyServer, connectionId: number, phones: string[]): Promise<number> {
  const { rows } = await server.database.pool.query<{ n: number }>(
    `select count(*)::int as n from messages m join contacts c on c.id = m.contact_id
      where m.connection_id = $1 and m.author = 'bot' and m.status = 'sent' and c.phone = any($2)`,
    [connectionId, phones.map((phone) => `+${phone}`)],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Per customer answer (by wamid), its bot reply (the first bot line after it): `sent` when Graph
 * accepted it (the send job's status_at), `written` when the runner's transaction that wrote it
 * began (created_at = now(): a lower bound of the runner's commit).
 */
async function replyTimes(server: JimmyServer, wamids: string[]): Promise<Map<string, { sent: number; written: number }>> {
  const { rows } = await server.database.pool.query<{ external_id: string; sent: Date | null; written: Date | null }>(
    `select m.external_id, r.status_at as sent, r.created_at as written
       from messages m
       left join lateral (select status_at, created_at from messages r where r.ticket_id = m.ticket_id and r.id > m.id and r.author = 'bot'
                           order by r.id limit 1) r on true
      where m.external_id = any($1)`,
    [wamids],
  );
  return new Map(
    rows
      .filter((row) => row.sent && row.written)
      .map((row) => [row.external_id, { sent: new Date(row.sent!).getTime(), written: new Date(row.written!).getTime() }]),
  );
}

async function wholePath(database: BenchDatabase, driver: ChildProcess, graphUrl: string) {
  const { server, baseUrl } = await bootBenchServer(database, { WHATSAPP_GRAPH_URL: graphUrl });
  try {
    const company: BenchCompany = await createCloudCompany(server, baseUrl, CLOUD);
    const http = httpClient(baseUrl);
    const queue = await http.postJson('/api/queues', { name: 'Atendimento', userIds: [] }, company.adminToken);
    http.close();
    const queueId = (JSON.parse(queue.body) as { id: number }).id;
    const pool = server.database.pool;
    const flowGraph = benchFlow(queueId);
    const flow = await pool.query<{ id: string }>(`insert into flows (company_id, name, draft) values ($1, 'Bench', $2) returning id`, [
      company.companyId,
      flowGraph,
    ]);
    const flowId = Number(flow.rows[0]!.id);
    const version = await pool.query<{ id: string }>(
      `insert into flow_versions (company_id, flow_id, version, graph) values ($1, $2, 1, $3) returning id`,
      [company.companyId, flowId, flowGraph],
    );
    await pool.query('update flows set published_version_id = $2 where id = $1', [flowId, version.rows[0]!.id]);
    await pool.query('insert into connection_flows (connection_id, company_id, flow_id) values ($1, $2, $3)', [
      company.connection.id,
      company.companyId,
      flowId,
    ]);
    const runId = randomBytes(3).toString('hex');
    const ready = nextMessage(driver, 'ready', 30_000);
    const config: DriverConfig = {
      type: 'config',
      baseUrl,
      appSecret: CLOUD.appSecret,
      phoneNumberId: CLOUD.phoneNumberId,
      wabaId: CLOUD.wabaId,
      runId,
      customers: CUSTOMERS + SATURATION_CUSTOMERS,
      maxInFlight: 256,
    };
    driver.send({ type: 'target', config } satisfies RoutingDriverCommand);
    await ready;

    const conversation = async (set: 'L' | 'S', count: number, rate: number) => {
      const phones = Array.from({ length: count }, (_, i) => phoneOf(set, i));
      // Opening lines (not measured): every customer gets the greeting and the first question.
      const opening = phones.map((from, i) => ({ from, id: `wamid.F${runId}${set}O${i}`, message: textMessage('oi') }));
      await sendAll(driver, `${set}O`, 100, opening);
      await waitFor(`${set}: first questions`, 120_000, async () => {
        const sent = await sentReplies(server, company.connection.id, phones);
        return { done: sent >= count * 2, progress: `${sent}/${count * 2}` };
      });
      // All answers of round 1, then round 2…: at 50/s a customer's next answer comes count/50 s after the previous one.
      const answers: ScriptMessage[] = ANSWERS.flatMap((text, round) =>
        phones.map((from, i) => ({ from, id: `wamid.F${runId}${set}R${round}N${i}`, message: textMessage(text) })),
      );
      const started = Date.now();
      const report = await sendAll(driver, `${set}A`, rate, answers);
      const expected = count * (2 + ANSWERS.length);
      await waitFor(`${set}: every reply`, 300_000, async () => {
        const sent = await sentReplies(server, company.connection.id, phones);
        return { done: sent >= expected, progress: `${sent}/${expected}` };
      });
      const times = await replyTimes(
        server,
        answers.map((answer) => answer.id),
      );
      // Only answers acknowledged on the first attempt: a resent one's wait includes the resend delay.
      const measured = answers.flatMap((answer, i) => {
        const at = times.get(answer.id);
        const sentAt = report.sentAt[i];
        return at !== undefined && sentAt !== undefined && Number.isFinite(report.ackedAt[i])
          ? [{ sent: at.sent - sentAt, written: at.written - sentAt }]
          : [];
      });
      const latencies = measured.map((m) => m.sent);
      const written = measured.map((m) => m.written);
      const lastReply = Math.max(...[...times.values()].map((t) => t.sent));
      const lastWritten = Math.max(...[...times.values()].map((t) => t.written));
      return {
        replies: answers.length,
        offeredPerSecond: rate,
        sendSeconds: round(report.elapsedMs / 1000, 2),
        completedPerSecond: round(answers.length / ((lastReply - started) / 1000), 1),
        writtenPerSecond: round(answers.length / ((lastWritten - started) / 1000), 1),
        measured: latencies.length,
        replyWritten: { p50Ms: percentile(written, 50), p95Ms: percentile(written, 95) },
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        p99Ms: percentile(latencies, 99),
        maxMs: latencies.length ? round(Math.max(...latencies)) : null,
        httpP95Ms: report.httpP95,
        errors: report.errors,
      };
    };

    log(`at ${REPLY_RATE} replies/s: ${CUSTOMERS} customers × ${ANSWERS.length} answers`);
    const atFifty = await conversation('L', CUSTOMERS, REPLY_RATE);
    log(`saturation: ${SATURATION_CUSTOMERS} customers × ${ANSWERS.length} answers offered at ${SATURATION_RATE}/s`);
    const saturation = await conversation('S', SATURATION_CUSTOMERS, SATURATION_RATE);
    const baselineTarget: pg.ClientConfig =
      database.kind === 'postgres' && database.url
        ? { connectionString: database.url }
        : { host: pool.options.host, port: pool.options.port, user: 'postgres', database: 'postgres' };
    const baseline = await sqlBaseline(
      baselineTarget,
      { id: company.connection.id, companyId: company.companyId, type: 'whatsapp_cloud', reopenWindowMinutes: 0 },
      runId,
      { clients: database.kind === 'postgres' ? 4 : 1, seconds: 5 },
    );
    return {
      atFiftyPerSecond: { ...atFifty, goalP95Ms: 150, meetsGoal: (atFifty.p95Ms ?? Infinity) < 150 },
      saturation,
      sqlBaselinePerSecond: baseline.perSecond,
      repliesPerSqlBaseline: round(saturation.completedPerSecond / baseline.perSecond, 3),
    };
  } finally {
    await server.close();
  }
}

async function main() {
  log(`engine: ${ENGINE_SECONDS} s of steps`);
  const engine = engineBench();
  log(`engine: ${engine.stepsPerSecond} steps/s`);
  const database = await createBenchDatabase('flow');
  let driver: ChildProcess | undefined;
  const cleanup = async () => {
    if (driver?.connected) driver.send({ type: 'stop' } satisfies RoutingDriverCommand);
    driver?.kill();
    await database.drop();
  };
  const disarm = installDeadline(15 * 60_000, cleanup);
  try {
    driver = forkDriver('routing-driver.ts');
    const graphReady = nextMessage<GraphReady>(driver, 'graphReady', 30_000);
    driver.send({ type: 'graph', accessToken: CLOUD.accessToken, phoneNumberId: CLOUD.phoneNumberId } satisfies RoutingDriverCommand);
    const graphUrl = (await graphReady).url;
    log(`whole path on ${database.kind} database`);
    const path = await wholePath(database, driver, graphUrl);
    printResult({
      benchmark: 'flow',
      database: database.kind,
      cores: os.availableParallelism(),
      engine,
      wholePath: {
        method:
          'Cloud webhook → tickets.inbound runner (flow step, effects, step log) → messages.send → fake Graph; latency from the POST to the reply’s status_at',
        answersPerCustomer: ANSWERS.length,
        ...path,
      },
    });
  } finally {
    disarm();
    await cleanup();
  }
}

await main();
