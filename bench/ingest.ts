/**
 * Webhook ingest throughput and webhook→socket latency (API-CONTRACT.md, "Benchmarks").
 *
 * The server runs in this process exactly as tests boot it; a forked driver posts signed Cloud API
 * webhooks over loopback at stepped open-loop rates; an admin's socket.io client here timestamps
 * every `message.created` against the send time the driver wrote into the message text.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { io, type Socket } from 'socket.io-client';
import type { JimmyServer } from '../apps/server/src/app.js';
import { sqlBaseline } from './lib-baseline.js';
import {
  bootBenchServer,
  createBenchDatabase,
  createCloudCompany,
  forkDriver,
  installDeadline,
  instrumentPool,
  log,
  nextMessage,
  percentile,
  printResult,
  round,
  sleep,
  summarizeStatements,
  type BenchDatabase,
} from './lib.js';
import { BENCH_CLOUD as CLOUD, SEND_TIME_PATTERN, wamidFor, type DriverCommand, type DriverConfig, type StepReport } from './lib-ingest.js';

const RATES = (process.env.BENCH_INGEST_RATES ?? '100,200,400,800,1600,3200')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const STEP_MS = Number(process.env.BENCH_INGEST_STEP_MS ?? 10_000);
const LATENCY_STEP_MS = 20_000;
const MAX_IN_FLIGHT = 256;
const CUSTOMERS = 1000;

interface StepResult {
  step: string;
  targetPerSecond: number;
  achievedPerSecond: number;
  intended: number;
  sent: number;
  shedByDriver: number;
  acked: number;
  errors: number;
  errorKinds: Record<string, number>;
  stored: number;
  lost: number;
  socketDelivered: number;
  httpP50: number | null;
  httpP99: number | null;
  socketP50: number | null;
  socketP99: number | null;
  passed: boolean;
}

/** Socket latencies per step id, filled by the socket listener as events arrive. */
const received = new Map<string, number[]>();
const STEP_OF = /S(\w+?)N\d+$/;

async function runStep(
  driver: ChildProcess,
  server: JimmyServer,
  connectionId: number,
  runId: string,
  stepId: string,
  rate: number,
  durationMs: number,
): Promise<StepResult> {
  received.set(stepId, []);
  const done = nextMessage<StepReport>(driver, 'stepDone', durationMs + 120_000);
  driver.send({ type: 'step', stepId, rate, durationMs } satisfies DriverCommand);
  const report = await done;
  // Events are emitted after the commit but before the 200, so they are normally here already; this only absorbs socket buffering.
  const deadline = Date.now() + 3_000;
  while ((received.get(stepId)?.length ?? 0) < report.acked && Date.now() < deadline) await sleep(50);
  const wamids = report.ackedSeqs.map((seq) => wamidFor(runId, stepId, seq));
  const { rows } = await server.database.pool.query<{ n: number }>(
    'select count(*)::int as n from messages where connection_id = $1 and external_id = any($2::text[])',
    [connectionId, wamids],
  );
  const stored = rows[0]?.n ?? 0;
  const latencies = received.get(stepId) ?? [];
  const achieved = report.acked / (report.elapsedMs / 1000);
  const lost = report.acked - stored;
  const result: StepResult = {
    step: stepId,
    targetPerSecond: rate,
    achievedPerSecond: round(achieved, 1),
    intended: report.intended,
    sent: report.sent,
    shedByDriver: report.shed,
    acked: report.acked,
    errors: report.errors,
    errorKinds: report.errorKinds,
    stored,
    lost,
    socketDelivered: latencies.length,
    httpP50: report.httpP50,
    httpP99: report.httpP99,
    socketP50: percentile(latencies, 50),
    socketP99: percentile(latencies, 99),
    passed: achieved >= 0.95 * rate && report.errors === 0 && lost === 0,
  };
  log(
    `step ${stepId}: target ${rate}/s → ${result.achievedPerSecond}/s acked, ${report.shed} shed, ${report.errors} errors, ${lost} lost, http p50 ${report.httpP50} ms, socket p99 ${result.socketP99} ms (${report.bodyBytes} B bodies)${result.passed ? '' : ' ✗'}`,
  );
  return result;
}

async function main() {
  let database: BenchDatabase | undefined;
  let server: JimmyServer | undefined;
  let driver: ChildProcess | undefined;
  let socket: Socket | undefined;
  const cleanup = async () => {
    socket?.close();
    if (driver?.connected) driver.send({ type: 'stop' } satisfies DriverCommand);
    driver?.kill();
    await server?.close().catch((error: unknown) => log(`server close: ${String(error)}`));
    await database?.drop();
  };
  // Steps + drains + latency step + baseline are ~2.5 minutes; the deadline only catches a hang.
  const disarm = installDeadline(6 * 60_000, cleanup);
  try {
    database = await createBenchDatabase('ingest');
    log(`booting server on ${database.kind} database`);
    const booted = await bootBenchServer(database);
    server = booted.server;
    const { companyId, adminToken: token, connection } = await createCloudCompany(server, booted.baseUrl, CLOUD);

    socket = io(booted.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    socket.on('message.created', (payload: { ticketId: number; message: { externalId: string | null; body: string } }) => {
      const now = performance.timeOrigin + performance.now();
      const step = STEP_OF.exec(payload.message.externalId ?? '')?.[1];
      const sentAt = SEND_TIME_PATTERN.exec(payload.message.body)?.[1];
      if (step && sentAt) received.get(step)?.push(now - Number(sentAt));
    });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect_error', reject);
      // The gateway answers a ping only after the socket joined its rooms, so nothing is missed from here on.
      socket!.emit('ping', () => resolve());
    });

    const runId = randomBytes(3).toString('hex');
    driver = forkDriver('ingest-driver.ts');
    const ready = nextMessage(driver, 'ready', 30_000);
    driver.send({
      type: 'config',
      baseUrl: booted.baseUrl,
      appSecret: CLOUD.appSecret,
      phoneNumberId: CLOUD.phoneNumberId,
      wabaId: CLOUD.wabaId,
      runId,
      customers: CUSTOMERS,
      maxInFlight: MAX_IN_FLIGHT,
    } satisfies DriverConfig);
    await ready;

    // A short unrecorded warm-up: JIT, pool connections and the first 1,000 contacts/tickets are created here, not in step 1.
    log('warm-up: 1,000 messages at 100/s');
    const warmup = await runStep(driver, server, connection.id, runId, 'W', 100, 10_000);

    const steps: StepResult[] = [];
    for (const [index, rate] of RATES.entries()) {
      await sleep(1_000);
      const result = await runStep(driver, server, connection.id, runId, String(index), rate, STEP_MS);
      steps.push(result);
      // Far past saturation more steps only measure the in-flight cap.
      if (result.achievedPerSecond < 0.6 * rate) break;
    }
    const passing = steps.filter((s) => s.passed);
    const maxSustainedPerSecond = passing.length > 0 ? Math.max(...passing.map((s) => s.targetPerSecond)) : null;
    const latencyRate = Math.max(1, Math.round(0.25 * (maxSustainedPerSecond ?? steps[0]?.achievedPerSecond ?? 100)));
    await sleep(2_000);
    log(`latency step: ${latencyRate}/s for ${LATENCY_STEP_MS / 1000} s`);
    const recorder = instrumentPool(server.database.pool);
    recorder.start();
    const latencyStep = await runStep(driver, server, connection.id, runId, 'L', latencyRate, LATENCY_STEP_MS);
    const statements = recorder.stop();
    const latencies = received.get('L') ?? [];

    let sqlBaselinePerSecond: number | null = null;
    let baselineDetail: Awaited<ReturnType<typeof sqlBaseline>> | null = null;
    if (database.kind === 'postgres' && database.url) {
      log('SQL baseline: the ingest transaction with 4 direct pg clients for 10 s');
      baselineDetail = await sqlBaseline(
        { connectionString: database.url },
        {
          id: connection.id,
          companyId,
          type: 'whatsapp_cloud',
          reopenWindowMinutes: connection.reopenWindowMinutes,
        },
        runId,
      );
      sqlBaselinePerSecond = baselineDetail.perSecond;
      log(`SQL baseline: ${sqlBaselinePerSecond} tx/s`);
    }

    // The warm-up is not a rate step, but a message lost there is still a lost message.
    const all = [warmup, ...steps, latencyStep];
    printResult({
      benchmark: 'ingest',
      database: database.kind,
      cores: os.availableParallelism(),
      settings: { stepSeconds: STEP_MS / 1000, maxInFlight: MAX_IN_FLIGHT, customers: CUSTOMERS, messagesPerWebhook: 1 },
      warmup,
      steps,
      maxSustainedPerSecond,
      latencyAt25Percent: {
        rate: latencyRate,
        achievedPerSecond: latencyStep.achievedPerSecond,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        samples: latencies.length,
        errors: latencyStep.errors,
      },
      lost: all.reduce((sum, s) => sum + s.lost, 0),
      sqlPerWebhook: summarizeStatements(statements, latencyStep.acked),
      sqlBaselinePerSecond,
      ...(baselineDetail && { sqlBaseline: baselineDetail }),
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
