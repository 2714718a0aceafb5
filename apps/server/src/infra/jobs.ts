import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from './logger.js';

/**
 * Payload type of every job queue. Modules add their queues by declaration merging:
 *   declare module '../../infra/jobs.js' { interface JobPayloads { 'messages.send': { messageId: number } } }
 * Exported for that merging, not for imports (hence @public for knip).
 * @public
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- empty on purpose: modules add their queues to it with `declare module`, which only an interface allows
export interface JobPayloads {}
export type JobName = keyof JobPayloads & string;

interface RegisterOptions {
  /** How many times a failing job is tried again (default 5), with exponential backoff from retryDelaySeconds. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Jobs fetched per poll; the handler runs them one by one. */
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

interface SendOptions {
  startAfter?: Date | number;
  singletonKey?: string;
  /**
   * A client inside an open transaction: the job is inserted in that transaction, so it exists if
   * and only if the work that needs it was committed.
   */
  within?: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
}

type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

export interface Jobs {
  register<N extends JobName>(name: N, handler: JobHandler<JobPayloads[N]>, options?: RegisterOptions): Promise<void>;
  send<N extends JobName>(name: N, data: JobPayloads[N], options?: SendOptions): Promise<string | null>;
  /** Wakes this process's worker for a queue now instead of at its next poll (after a commit). */
  nudge(name: JobName): void;
  stop(): Promise<void>;
}

export async function startJobs(pool: pg.Pool, logger: Logger): Promise<Jobs> {
  const boss = new PgBoss({
    // One pool for the whole process: in embedded mode every connection is a slot in pglite-socket.
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
    schema: 'pgboss',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  const workers = new Map<string, string>();
  const log = logger.child({ component: 'jobs' });

  return {
    async register(name, handler, options = {}) {
      await boss.createQueue(name, {
        name,
        retryLimit: options.retryLimit ?? 5,
        retryDelay: options.retryDelaySeconds ?? 2,
        retryBackoff: true,
      });
      const workerId = await boss.work<JobPayloads[typeof name]>(
        name,
        { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, includeMetadata: true },
        async (batch) => {
          for (const job of batch) {
            const started = performance.now();
            try {
              await handler(job.data, { id: job.id, retryCount: job.retryCount });
              log.debug({ job: name, id: job.id, ms: Math.round(performance.now() - started) }, 'job done');
            } catch (error) {
              log.warn({ job: name, id: job.id, retryCount: job.retryCount, err: error }, 'job failed');
              throw error;
            }
          }
        },
      );
      workers.set(name, workerId);
    },
    async send(name, data, options = {}) {
      const sendOptions: PgBoss.SendOptions = {};
      if (options.startAfter !== undefined) {
        sendOptions.startAfter = options.startAfter instanceof Date ? options.startAfter : new Date(options.startAfter);
      }
      if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
      const within = options.within;
      if (within) sendOptions.db = { executeSql: (text: string, values?: unknown[]) => within.query(text, values) };
      const id = await boss.send(name, data as object, sendOptions);
      // A job due now is picked up immediately by a local worker instead of waiting for the next poll.
      const workerId = workers.get(name);
      if (workerId && options.startAfter === undefined && !within) boss.notifyWorker(workerId);
      return id;
    },
    nudge(name) {
      const workerId = workers.get(name);
      if (workerId) boss.notifyWorker(workerId);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 15_000, close: false });
    },
  };
}
