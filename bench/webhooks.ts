/**
 * Outbound webhooks benchmark (issue 12): 10 subscriptions to `message.received`, customers writing
 * 200 messages/s for 60 s, delivered to a local receiver (in the forked driver, off the server's
 * event loop). Latency runs from the driver starting the ingest POST to the receiver reading the
 * delivery. Then ingest capacity with and without webhooks, measured in this same run: a
 * saturation step of bench/ingest.ts's very traffic on a fresh database each, the first with no
 * subscription, the second with the 10 subscriptions on.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { JimmyServer } from '../apps/server/src/app.js';
import { BENCH_CLOUD as CLOUD, type DriverConfig, type StepReport } from './lib-ingest.js';
import type { ReceiverReady, ReceiverStats, WebhooksDriverCommand } from './lib-webhooks.js';
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

const SUBSCRIPTIONS = 10;
const RATE = Number(process.env.BENCH_WEBHOOKS_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 60);
const SATURATION_RATE = Number(process.env.BENCH_WEBHOOKS_SATURATION_RATE ?? 3200);
const SATURATION_MS = Number(process.env.BENCH_WEBHOOKS_SATURATION_MS ?? 10_000);
/** How long after the last message its deliveries may still arrive and count. */
const DRAIN_MS = 120_000;
const MAX_IN_FLIGHT = 256;
const CUSTOMERS = 1000;

interface Shop {
  database: BenchDatabase;
  server: JimmyServer;
  baseUrl: string;
  company: BenchCompany;
}

async function openShop(label: string): Promise<Shop> {
  const database = await createBenchDatabase(label);
  log(`booting server on ${database.kind} database (${label})`);
  // Both shops allow loopback: the receiver is local; the setting costs nothing when nothing is subscribed.
  const { server, baseUrl } = await bootBenchServer(database, { ALLOW_PRIVATE_NETWORK_CALLS: 'true' });
  const company = await createCloudCompany(server, baseUrl, CLOUD);
  return { database, server, baseUrl, company };
}

async function closeShop(shop: Shop | undefined) {
  await shop?.server.close().catch((error: unknown) => log(`server close: ${String(error)}`));
  await shop?.database.drop();
}

function target(shop: Shop, runId: string): DriverConfig {
  return {
    type: 'config',
    baseUrl: shop.baseUrl,
    appSecret: CLOUD.appSecret,
    phoneNumberId: CLOUD.phoneNumberId,
    wabaId: CLOUD.wabaId,
    runId,
    customers: CUSTOMERS,
    maxInFlight: MAX_IN_FLIGHT,
  };
}

async function aim(driver: ChildProcess, shop: Shop, runId: string) {
  const ready = nextMessage(driver, 'ready', 30_000);
  driver.send(target(shop, runId) satisfies WebhooksDriverCommand);
  await ready;
}

async function step(driver: ChildProcess, stepId: string, rate: number, durationMs: number): Promise<StepReport> {
  const done = nextMessage<StepReport>(driver, 'stepDone', durationMs + 120_000);
  driver.send({ type: 'step', stepId, rate, durationMs } satisfies WebhooksDriverCommand);
  const report = await done;
  const perSecond = report.acked / (report.elapsedMs / 1000);
  log(`step ${stepId}: target ${rate}/s → ${round(perSecond, 1)}/s acked, ${report.errors} errors, http p50 ${report.httpP50} ms`);
  return report;
}

async function receiverStats(driver: ChildProcess, reset: boolean): Promise<ReceiverStats> {
  const answer = nextMessage<ReceiverStats>(driver, 'receiverStats', 30_000);
  driver.send({ type: 'receiverStats', reset } satisfies WebhooksDriverCommand);
  return answer;
}

async function subscribeAll(shop: Shop, receiverUrl: string) {
  const http = httpClient(shop.baseUrl);
  try {
    for (let n = 0; n < SUBSCRIPTIONS; n++) {
      const created = await http.postJson(
        '/api/webhook-subscriptions',
        { url: `${receiverUrl}/${n}`, events: ['message.received'], description: `bench ${n}` },
        shop.company.adminToken,
      );
      if (created.status !== 201) throw new Error(`subscription: ${created.status} ${created.body}`);
    }
  } finally {
    http.close();
  }
}

const ratePerSecond = (report: StepReport) => round(report.acked / (report.elapsedMs / 1000), 1);

async function main() {
  let driver: ChildProcess | undefined;
  let shop: Shop | undefined;
  const cleanup = async () => {
    if (driver?.connected) driver.send({ type: 'stop' } satisfies WebhooksDriverCommand);
    driver?.kill();
    await closeShop(shop);
  };
  const disarm = installDeadline(15 * 60_000, cleanup);
  try {
    const runId = randomBytes(3).toString('hex');
    driver = forkDriver('webhooks-driver.ts');
    const receiverReady = nextMessage<ReceiverReady>(driver, 'receiverReady', 30_000);
    driver.send({ type: 'receiver' } satisfies WebhooksDriverCommand);
    const { url: receiverUrl } = await receiverReady;

    // 1. Ingest capacity without webhooks: bench ingest's traffic, warm-up then one saturation step.
    shop = await openShop('webhooks_off');
    await aim(driver, shop, runId);
    await step(driver, 'offW', 100, 10_000);
    await sleep(1_000);
    const off = await step(driver, 'offS', SATURATION_RATE, SATURATION_MS);
    const database = shop.database.kind;
    await closeShop(shop);
    shop = undefined;

    // 2. The same with 10 subscriptions, then the latency run at RATE for SECONDS.
    shop = await openShop('webhooks_on');
    await subscribeAll(shop, receiverUrl);
    await aim(driver, shop, `${runId}b`);
    await step(driver, 'onW', 100, 10_000);
    await sleep(1_000);
    log(`latency run: ${RATE}/s for ${SECONDS} s, ${SUBSCRIPTIONS} subscriptions`);
    await receiverStats(driver, true);
    const latencyRun = await step(driver, 'L', RATE, SECONDS * 1000);
    const expected = latencyRun.acked * SUBSCRIPTIONS;
    const drainStarted = Date.now();
    let stats = await receiverStats(driver, false);
    while (stats.received < expected && Date.now() - drainStarted < DRAIN_MS) {
      await sleep(500);
      stats = await receiverStats(driver, false);
    }
    const drainSeconds = round((Date.now() - drainStarted) / 1000, 1);
    log(`latency run: ${stats.received}/${expected} deliveries, drained ${drainSeconds} s after the last message`);
    const { rows } = await shop.server.database.pool.query<{ state: string; n: number }>(
      'select state, count(*)::int as n from webhook_deliveries group by state',
    );
    const deliveryStates = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    await receiverStats(driver, true);
    await sleep(1_000);
    const on = await step(driver, 'onS', SATURATION_RATE, SATURATION_MS);

    const offRate = ratePerSecond(off);
    const onRate = ratePerSecond(on);
    printResult({
      benchmark: 'webhooks',
      database,
      cores: os.availableParallelism(),
      settings: {
        subscriptions: SUBSCRIPTIONS,
        events: ['message.received'],
        ratePerSecond: RATE,
        seconds: SECONDS,
        saturationRate: SATURATION_RATE,
        saturationSeconds: SATURATION_MS / 1000,
        customers: CUSTOMERS,
      },
      latency: {
        from: 'ingest POST started → receiver read the delivery',
        achievedIngestPerSecond: ratePerSecond(latencyRun),
        deliveriesExpected: expected,
        deliveriesReceived: stats.received,
        duplicates: stats.duplicates,
        drainSeconds,
        deliveryStates,
        p50: round(percentile(stats.latencies, 50) ?? NaN, 1),
        p95: round(percentile(stats.latencies, 95) ?? NaN, 1),
        p99: round(percentile(stats.latencies, 99) ?? NaN, 1),
        max: round(Math.max(...stats.latencies), 1),
      },
      ingest: {
        withoutWebhooksPerSecond: offRate,
        withWebhooksPerSecond: onRate,
        ratio: round(onRate / offRate, 3),
        withinTenPercent: onRate >= 0.9 * offRate,
        errors: { without: off.errors, with: on.errors },
      },
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
