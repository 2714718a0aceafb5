import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import { assignmentSql as sql } from './assignment.repository.js';
import { waitingJobKey, type AssignmentService } from './assignment.service.js';

const SWEEP_EVERY_MS = 60_000;

/**
 * When capacity or people appear, the queue's waiting list is worked through by a job. The
 * in-process events below only make that immediate; the sweep makes it certain, so an event lost to
 * a crash or published on another node delays a ticket by a minute at most, never strands it.
 */
export async function registerAssignmentJobs(deps: {
  pool: pg.Pool;
  jobs: Jobs;
  events: EventBus;
  assignment: AssignmentService;
  logger: Logger;
}): Promise<() => void> {
  const { pool, jobs, events, assignment } = deps;
  const log = deps.logger.child({ component: 'assignment' });

  const enqueue = async (companyId: number, queueId: number) => {
    await jobs.send('tickets.assign-waiting', { companyId, queueId }, { singletonKey: waitingJobKey(queueId) });
  };
  const enqueueForUser = async (companyId: number, userId: number) => {
    for (const queueId of await sql.autoQueuesOf(pool, companyId, userId)) await enqueue(companyId, queueId);
  };

  const sweepLater = () =>
    jobs.send('tickets.assign-waiting', { sweep: true }, { startAfter: Date.now() + SWEEP_EVERY_MS, singletonKey: 'sweep' });
  const sweep = async () => {
    // The next sweep first: a failure below must not end the chain.
    await sweepLater();
    for (const { companyId, queueId } of await sql.queuesWithWaiting(pool)) await enqueue(companyId, queueId);
    await sql.forgetDeadNodes(pool);
  };
  // stately: one waiting and one running job per queue (and for the sweep), however many triggers arrive meanwhile.
  await jobs.register(
    'tickets.assign-waiting',
    async (data) => {
      if ('sweep' in data) return sweep();
      const assigned = await assignment.assignWaiting(data.companyId, data.queueId);
      if (assigned > 0) log.debug({ ...data, assigned }, 'waiting tickets assigned');
    },
    { retryLimit: 3, policy: 'stately' },
  );
  await sweepLater();

  const unsubscribers = [
    events.subscribe('user.online', ({ companyId, userId }) => enqueueForUser(companyId, userId)),
    // An agent whose capacity grew, or who was activated again.
    events.subscribe('user.updated', async ({ companyId, user }) => {
      if (user.active) await enqueueForUser(companyId, user.id);
    }),
    events.subscribe('queue.members.changed', async ({ companyId, queueId, added }) => {
      if (added.length > 0) await enqueue(companyId, queueId);
    }),
    events.subscribe('queue.updated', ({ companyId, queueId }) => enqueue(companyId, queueId)),
    events.subscribe('ticket.updated', async ({ companyId, ticket, previous }) => {
      // Capacity freed: the agent closed it, or it was handed to someone else or back to a queue.
      if (previous?.status === 'open' && previous.userId !== null && (ticket.status === 'closed' || ticket.userId !== previous.userId)) {
        await enqueueForUser(companyId, previous.userId);
      }
      // It (re-)entered a queue's waiting list: transferred to the queue without an agent. Leaving the
      // bot is not counted: the inbound runner assigns in its own transaction (assignIn).
      const entered =
        previous !== undefined &&
        previous.status !== 'bot' &&
        ticket.status === 'pending' &&
        ticket.queueId !== null &&
        (previous.status !== 'pending' || previous.queueId !== ticket.queueId);
      if (entered && ticket.queueId !== null) await enqueue(companyId, ticket.queueId);
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
