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
  /** Jobs fetched per poll, run one by one (ignored with `concurrency`). */
  batchSize?: number;
  /**
   * Up to this many jobs run side by side, each on its own: a job starts as soon as it is fetched
   * and is completed (or failed) alone, and a free slot fetches the next one at once, instead of a
   * batch waiting for its slowest member and then for the next poll. Only for handlers that are safe
   * to run side by side, e.g. the inbound runner, which locks its ticket.
   */
  concurrency?: number;
  /** With `concurrency`: the number of slots for now, checked before each fetch (at least 1 runs). */
  slots?: () => number;
  pollingIntervalSeconds?: number;
  /**
   * pg-boss queue policy. `stately`: at most one waiting and one running job per singletonKey, so
   * a burst of triggers while a job runs leaves exactly one follow-up (on the default `standard`
   * policy a singletonKey does not deduplicate at all).
   */
  policy?: 'standard' | 'stately';
}

interface SendOptions {
  startAfter?: Date | number;
  singletonKey?: string;
  /** Higher first. Jobs of one transaction share created_on and pg-boss breaks ties by a random id. */
  priority?: number;
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
  // A handler still running when stop() gives up waiting finishes after the pool has ended; pg-boss
  // then marks its job done or failed on a closed pool, an unhandled rejection that kills the process.
  // Never answering instead leaves the job active, so it runs again after a restart (handlers are
  // idempotent), which is what a crash at that moment would do anyway. An empty result is not enough:
  // pg-boss reads rows[0].count from the answer to complete/fail and throws on an empty one.
  let stopped = false;
  const boss = new PgBoss({
    // One pool for the whole process: in embedded mode every connection is a slot in pglite-socket.
    db: {
      executeSql: (text: string, values?: unknown[]) => (stopped ? new Promise<never>(() => {}) : pool.query(text, values)),
    },
    schema: 'pgboss',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  /** pg-boss workers (by queue) and our own concurrent dispatchers, woken by send() and nudge(). */
  const workers = new Map<string, string>();
  const dispatchers = new Map<string, { notify(): void; stop(timeoutMs: number): Promise<void> }>();
  const log = logger.child({ component: 'jobs' });
  const wake = (name: JobName) => {
    const dispatcher = dispatchers.get(name);
    if (dispatcher) return dispatcher.notify();
    const workerId = workers.get(name);
    if (workerId) boss.notifyWorker(workerId);
  };

  const runOne = async <N extends JobName>(name: N, handler: JobHandler<JobPayloads[N]>, job: PgBoss.JobWithMetadata<JobPayloads[N]>) => {
    const started = performance.now();
    try {
      await handler(job.data, { id: job.id, retryCount: job.retryCount });
      // waitedMs: from the job's insert to its start (the database's clock against ours: same host, or roughly).
      const waitedMs = Date.now() - Math.round(performance.now() - started) - job.createdOn.getTime();
      log.debug({ job: name, id: job.id, waitedMs, ms: Math.round(performance.now() - started) }, 'job done');
    } catch (error) {
      log.warn({ job: name, id: job.id, retryCount: job.retryCount, err: error }, 'job failed');
      throw error;
    }
  };

  return {
    async register(name, handler, options = {}) {
      await boss.createQueue(name, {
        name,
        retryLimit: options.retryLimit ?? 5,
        retryDelay: options.retryDelaySeconds ?? 2,
        retryBackoff: true,
        ...(options.policy && { policy: options.policy }),
      });
      const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
      if (options.concurrency !== undefined) {
        const dispatcher = new Dispatcher({
          concurrency: options.concurrency,
          ...(options.slots && { slots: options.slots }),
          intervalMs: pollingIntervalSeconds * 1000,
          // pg-boss picks the due jobs by priority but returns them from an UPDATE … RETURNING, in no
          // particular order: sort them back, or a conversation's sends could start out of order.
          fetch: async (room) =>
            (await boss.fetch<JobPayloads[typeof name]>(name, { batchSize: room, includeMetadata: true })).sort(
              (a, b) => b.priority - a.priority || a.createdOn.getTime() - b.createdOn.getTime(),
            ),
          run: async (job) => {
            try {
              await runOne(name, handler, job);
            } catch (error) {
              await boss.fail(name, job.id, error as object);
              return;
            }
            await boss.complete(name, job.id);
          },
          onError: (error) => log.error({ job: name, err: error }, 'job dispatcher error'),
        });
        dispatchers.set(name, dispatcher);
        dispatcher.start();
        return;
      }
      const batchSize = options.batchSize ?? 1;
      // The handler may run before boss.work resolves with the id, hence a holder rather than a const.
      const self: { workerId?: string } = {};
      const workerId = await boss.work<JobPayloads[typeof name]>(
        name,
        { batchSize, pollingIntervalSeconds, includeMetadata: true },
        async (batch) => {
          for (const job of batch) await runOne(name, handler, job);
          // A full batch means a backlog: fetch again at once. Otherwise pg-boss sleeps out the rest of
          // its polling interval after every batch, and a backlog drains at batchSize jobs per second.
          if (batch.length >= batchSize && self.workerId) boss.notifyWorker(self.workerId);
        },
      );
      self.workerId = workerId;
      workers.set(name, workerId);
    },
    async send(name, data, options = {}) {
      const sendOptions: PgBoss.SendOptions = {};
      if (options.startAfter !== undefined) {
        sendOptions.startAfter = options.startAfter instanceof Date ? options.startAfter : new Date(options.startAfter);
      }
      if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
      if (options.priority !== undefined) sendOptions.priority = options.priority;
      const within = options.within;
      if (within) sendOptions.db = { executeSql: (text: string, values?: unknown[]) => within.query(text, values) };
      const id = await boss.send(name, data as object, sendOptions);
      // A job due now is picked up immediately by a local worker instead of waiting for the next poll.
      if (options.startAfter === undefined && !within) wake(name);
      return id;
    },
    nudge: wake,
    async stop() {
      try {
        // Ours first: they stop fetching and finish (or give up waiting for) what they run.
        await Promise.all([...dispatchers.values()].map((dispatcher) => dispatcher.stop(15_000)));
        await boss.stop({ graceful: true, wait: true, timeout: 15_000, close: false });
      } finally {
        stopped = true;
      }
    },
  };
}

interface DispatcherOptions<J> {
  concurrency: number;
  slots?: () => number;
  intervalMs: number;
  /** Claims up to `room` due jobs (pg-boss fetch: they become active). */
  fetch(room: number): Promise<J[]>;
  /** Runs one job and completes or fails it; never rejects for a failing handler. */
  run(job: J): Promise<void>;
  onError(error: unknown): void;
}

/**
 * Keeps up to `concurrency` jobs of one queue running, each independently. One fetch claims as many
 * jobs as there are free slots; a finished job frees its slot and, when the last fetch filled every
 * slot (there may be more waiting), fetches again at once. Otherwise it sleeps until notify() (a job
 * committed by this process) or the polling interval (jobs from other nodes, retries, timers).
 */
class Dispatcher<J> {
  private running = new Set<Promise<void>>();
  private notified = false;
  private backlog = false;
  private stopping = false;
  private sleeper: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: DispatcherOptions<J>) {}

  start(): void {
    this.loop = this.work();
  }

  notify(): void {
    this.notified = true;
    this.sleeper?.();
  }

  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.sleeper?.();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    try {
      const finished = (async () => {
        await this.loop;
        await Promise.all(this.running);
      })();
      await Promise.race([finished, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      this.notified = false;
      const slots = Math.max(1, Math.min(this.options.concurrency, this.options.slots?.() ?? this.options.concurrency));
      const room = slots - this.running.size;
      if (room > 0) {
        try {
          const jobs = await this.options.fetch(room);
          this.backlog = jobs.length >= room;
          // Even when stopping: they are claimed now, and stop() waits for them like for the others.
          for (const job of jobs) this.launch(job);
        } catch (error) {
          this.options.onError(error);
        }
      }
      if (this.stopping || this.notified) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.options.intervalMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.sleeper = done;
      });
      this.sleeper = null;
    }
  }

  private launch(job: J): void {
    const running: Promise<void> = this.options
      .run(job)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.running.delete(running);
        // Every slot was filled by the last fetch: more may be waiting, so the freed slot fetches now.
        if (this.backlog) this.notify();
      });
    this.running.add(running);
  }
}
