import type { CompanyStatus } from '@jimmy/contracts';
import type pg from 'pg';
import type { Queryable } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { CompanyStatusService } from '../companies/index.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** Trials past their end become read-only; reschedules itself (singleton). */
    'plans.sweep': { sweep: true };
    /** A company left read-only/suspended: its held outbound messages are queued again. */
    'plans.resume': { companyId: number };
  }
}

const SWEEP_EVERY_MS = 2 * 60_000;

/** Standings in which nothing goes out and no automation runs; customers' messages are still stored. */
const pausedStatuses: readonly CompanyStatus[] = ['read_only', 'suspended'];

/** Whether the company's automation and sends are held now; read through the caller's `q`. */
export async function isPaused(q: Queryable, companyId: number): Promise<boolean> {
  const { rows } = await q.query<{ status: CompanyStatus }>('select status from companies where id = $1', [companyId]);
  const status = rows[0]?.status;
  return status !== undefined && pausedStatuses.includes(status);
}

export interface PlanJobsDeps {
  pool: pg.Pool;
  jobs: Jobs;
  events: EventBus;
  companyStatus: CompanyStatusService;
  logger: Logger;
  now?: () => Date;
}

export interface PlanJobs {
  /** One pass of the trial sweep now (tests, and the job itself); returns the companies moved to read-only. */
  sweep(): Promise<number[]>;
  /** Queues the held sends of a company again (what `plans.resume` runs). */
  resume(companyId: number): Promise<number>;
  stop(): void;
}

/**
 * The trial sweep and the resumption of held work. The sweep is a self-rescheduling singleton job
 * (like the assignment sweep), so one node runs it every couple of minutes and a restart never loses it.
 */
export async function registerPlanJobs(deps: PlanJobsDeps): Promise<PlanJobs> {
  const { pool, jobs, events, companyStatus } = deps;
  const log = deps.logger.child({ component: 'plans' });
  const now = deps.now ?? (() => new Date());

  const sweep = async (): Promise<number[]> => {
    const { rows } = await pool.query<{ id: string | number }>(
      `select id from companies where status = 'trial' and trial_ends_at is not null and trial_ends_at < $1 order by id`,
      [now()],
    );
    const moved: number[] = [];
    for (const row of rows) {
      const companyId = Number(row.id);
      // `only`: a payment that landed a moment ago (trial → active) is never undone by the sweep.
      if (await companyStatus.set(companyId, 'read_only', 'trial_expired', { only: ['trial'] })) moved.push(companyId);
    }
    if (moved.length > 0) log.info({ companies: moved }, 'trials expired: companies are read-only');
    return moved;
  };

  const resume = async (companyId: number): Promise<number> => {
    if (await isPaused(pool, companyId)) return 0;
    // Only messages written before the company left the paused state: later ones have their own job.
    const { rows } = await pool.query<{ id: string | number; ticket_id: string | number }>(
      `select m.id, m.ticket_id from messages m join companies c on c.id = m.company_id
        where m.company_id = $1 and m.direction = 'out' and m.status = 'pending' and m.client_ref is not null
          and m.external_id is null and m.created_at <= coalesce(c.status_changed_at, now())
        order by m.id`,
      [companyId],
    );
    for (const row of rows) {
      const messageId = Number(row.id);
      await jobs.send('messages.send', { messageId, ticketId: Number(row.ticket_id) }, { priority: -(messageId % 1_000_000_000) });
    }
    if (rows.length > 0) log.info({ companyId, messages: rows.length }, 'held sends queued again');
    return rows.length;
  };

  const sweepLater = () => jobs.send('plans.sweep', { sweep: true }, { startAfter: Date.now() + SWEEP_EVERY_MS, singletonKey: 'sweep' });
  await jobs.register(
    'plans.sweep',
    async () => {
      // The next sweep first: a failure below must not end the chain.
      await sweepLater();
      await sweep();
    },
    { retryLimit: 3, policy: 'stately' },
  );
  await jobs.register('plans.resume', async ({ companyId }) => void (await resume(companyId)), { retryLimit: 5 });
  await sweepLater();

  const unsubscribe = events.subscribe('company.status.changed', async ({ companyId, status, previous }) => {
    if (pausedStatuses.includes(previous) && !pausedStatuses.includes(status)) {
      await jobs.send('plans.resume', { companyId }, { singletonKey: `resume:${companyId}` });
    }
  });
  return { sweep, resume, stop: unsubscribe };
}
