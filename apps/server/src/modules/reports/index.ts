import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import { aggregateOnce, countOnlineTime, initReportCursor } from './aggregator.js';
import { recomputeDay } from './recompute.js';
import { reportsRoutes } from './reports.routes.js';

export { aggregateOnce, catchUpReports } from './aggregator.js';
export { recomputeDay } from './recompute.js';
/** @public The benchmark's seam (bench/reports.ts): build a company's report rows for a range of local days. */
export { rebuildReportAggregates } from './recompute.js';

/** A nudge waits this long for more changes, so a burst becomes one pass. */
const NUDGE_DELAY_MS = 50;
const PRESENCE_EVERY_MS = 30_000;
const NIGHTLY_CHECK_MS = 10 * 60_000;
/** The nightly recomputation runs for "yesterday" from this local hour on. */
const NIGHTLY_LOCAL_HOUR = 3;

/**
 * Reports: routes, the aggregator loop (checkpointed, nudged by local changes), online-time
 * counting and the nightly recomputation. docs/reports.md.
 */
export async function registerReports(
  http: FastifyInstance,
  deps: { pool: pg.Pool; events: EventBus; logger: Logger; intervalMs?: number; now?: () => Date },
): Promise<{ stop(): Promise<void>; aggregateNow(): Promise<number> }> {
  const logger = deps.logger.child({ component: 'reports' });
  const now = deps.now ?? (() => new Date());
  await initReportCursor(deps.pool);
  await http.register(reportsRoutes, { pool: deps.pool, now });

  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  /** Passes never overlap on one node (other nodes skip a locked checkpoint). */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  };
  const every = (ms: number, work: () => Promise<unknown>, what: string) => {
    const tick = () => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void exclusive(work)
          .catch((error: unknown) => logger.error({ err: error }, `reports ${what} failed`))
          .finally(tick);
      }, ms);
      timers.add(timer);
    };
    tick();
  };
  let soon: NodeJS.Timeout | null = null;
  const nudge = () => {
    if (stopped || soon) return;
    soon = setTimeout(() => {
      soon = null;
      void exclusive(() => aggregateOnce(deps.pool)).catch((error: unknown) => logger.error({ err: error }, 'reports aggregation failed'));
    }, NUDGE_DELAY_MS);
  };
  every(deps.intervalMs ?? 2000, () => aggregateOnce(deps.pool), 'aggregation');
  every(PRESENCE_EVERY_MS, () => countOnlineTime(deps.pool), 'online time');
  every(NIGHTLY_CHECK_MS, () => nightly(deps.pool, now(), logger), 'nightly recomputation');
  const hints = (['message.created', 'ticket.created', 'ticket.updated'] as const).map((event) => deps.events.subscribe(event, nudge));

  return {
    aggregateNow: () => exclusive(() => aggregateOnce(deps.pool)),
    async stop() {
      stopped = true;
      for (const unsubscribe of hints) unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      if (soon) clearTimeout(soon);
      await running;
    },
  };
}

/** Each company's yesterday, once, from 03:00 local: claimed by a row so two nodes never both run it. */
async function nightly(pool: pg.Pool, at: Date, logger: Logger): Promise<void> {
  const { rows } = await pool.query<{ id: number; timezone: string }>('select id, timezone from companies');
  for (const company of rows) {
    const local = DateTime.fromJSDate(at, { zone: company.timezone });
    if (!local.isValid || local.hour < NIGHTLY_LOCAL_HOUR) continue;
    const day = local.minus({ days: 1 }).toISODate();
    const claimed = await pool.query(
      `insert into report_recomputes (company_id, day, trigger) values ($1, $2, 'nightly') on conflict do nothing returning day`,
      [company.id, day],
    );
    if (claimed.rows.length === 0) continue;
    const result = await recomputeDay(pool, Number(company.id), day);
    await pool.query(
      `update report_recomputes set drift_count = $3, rows_rewritten = $4 where company_id = $1 and day = $2 and trigger = 'nightly'`,
      [company.id, day, result.driftCount, result.rowsRewritten],
    );
    if (result.driftCount > 0)
      logger.warn({ companyId: company.id, day, drift: result.drift.slice(0, 20), driftCount: result.driftCount }, 'report drift repaired');
  }
}
