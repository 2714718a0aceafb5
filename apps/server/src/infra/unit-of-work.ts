import type pg from 'pg';
import { withTransaction } from './db/index.js';
import type { EventBus, PendingEvent } from './events.js';
import type { JobName, Jobs } from './jobs.js';

/**
 * The outcome of work done inside a caller's transaction: its value, the events to publish and the
 * job queues to wake, both only after the commit (before it, listeners would read stale rows and
 * workers would not see the jobs yet).
 */
export interface Done<T> {
  value: T;
  events: PendingEvent[];
  wake: JobName[];
}

export const done = <T>(value: T, events: PendingEvent[] = [], wake: JobName[] = []): Done<T> => ({ value, events, wake });

/** Runs one unit of work in its own transaction, then publishes its events and wakes its queues. */
export async function commit<T>(
  deps: { pool: pg.Pool; events: EventBus; jobs: Pick<Jobs, 'nudge'> },
  work: (client: pg.PoolClient) => Promise<Done<T>>,
): Promise<T> {
  const outcome = await withTransaction(deps.pool, work);
  for (const name of new Set(outcome.wake)) deps.jobs.nudge(name);
  deps.events.publishAll(outcome.events);
  return outcome.value;
}
