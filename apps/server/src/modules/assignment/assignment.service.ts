import type pg from 'pg';
import { effectiveSchedule, hoursStatus, scheduleSchema, type Schedule } from '@jimmy/routing';
import type { Ticket, UserAvailability } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import { companySettingsOf } from '../companies/index.js';
import { recordTicketEvent, type TicketLookup, type TicketsRepository } from '../tickets/index.js';
import { assignmentSql as sql } from './assignment.repository.js';
import { candidatesInOrder, hasRoom } from './candidates.js';
import type { PresenceService } from './presence.service.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /**
     * Give the queue's waiting tickets, oldest first, to whoever is online with room; `sweep`: once a
     * minute, start such a run for every auto-assigning queue with a ticket waiting (one queue for
     * both: each pg-boss queue is a partition, costly to create on the embedded database).
     */
    'tickets.assign-waiting': { companyId: number; queueId: number } | { sweep: true };
  }
}

export interface AssignmentServiceDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Pick<Jobs, 'send' | 'nudge'>;
  tickets: TicketsRepository;
  lookup: TicketLookup;
  presence: Pick<PresenceService, 'onlineUserIds'>;
  /** The clock for opening hours (tests move it). */
  now?: () => Date;
}

/** Why a ticket was not given to anyone; only `unavailable` means the rest of the queue waits too. */
type Outcome = { kind: 'assigned'; done: Done<Ticket> } | { kind: 'not-pending' } | { kind: 'unavailable' };

/** One waiting-list run assigns at most this many, then hands over to a fresh job (others' turn on the worker). */
const BATCH = 200;

/** A stored override that no longer validates counts as none, as on the queues page. */
function queueSchedule(stored: unknown): Schedule | null {
  if (stored === null || stored === undefined) return null;
  const parsed = scheduleSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export const waitingJobKey = (queueId: number) => `queue:${queueId}`;

/**
 * Automatic assignment per queue: round-robin or least-busy among the queue's online agents and
 * supervisors with room (users.max_open_tickets), inside the queue's hours. The queue row is locked
 * for the decision, so two nodes never hand out the same cursor or the same agent's last slot.
 */
export class AssignmentService {
  private readonly now: () => Date;

  constructor(private readonly deps: AssignmentServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Gives a pending, queued ticket to the next available member, in the caller's transaction; null
   * when the queue is manual, closed now, or nobody is available (it waits in "Aguardando" and a
   * `tickets.assign-waiting` job picks it up later). Only ever queries through `q`.
   */
  async assignIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<Ticket | null>> {
    const outcome = await this.tryAssign(q, companyId, ticketId);
    return outcome.kind === 'assigned' ? outcome.done : done(null);
  }

  /** The queue's waiting tickets, oldest first, one short transaction each, until nobody is available. */
  async assignWaiting(companyId: number, queueId: number): Promise<number> {
    let assigned = 0;
    while (assigned < BATCH) {
      const ticketId = await sql.oldestPending(this.deps.pool, companyId, queueId);
      if (ticketId === null) return assigned;
      const outcome = await commit(this.deps, async (client): Promise<Done<Outcome['kind']>> => {
        const result = await this.tryAssign(client, companyId, ticketId);
        return result.kind === 'assigned' ? { ...result.done, value: result.kind } : done(result.kind);
      });
      if (outcome === 'unavailable') return assigned;
      if (outcome === 'assigned') assigned += 1;
    }
    await this.deps.jobs.send('tickets.assign-waiting', { companyId, queueId }, { singletonKey: waitingJobKey(queueId) });
    return assigned;
  }

  /** Who is online and how loaded, for everyone active in the company (the transfer dialog). */
  async availability(companyId: number): Promise<UserAvailability[]> {
    const users = await sql.workload(this.deps.pool, companyId);
    const online = await this.deps.presence.onlineUserIds(
      this.deps.pool,
      companyId,
      users.map((user) => user.id),
    );
    return users.map((user) => ({
      userId: user.id,
      online: online.has(user.id),
      openTickets: user.openTickets,
      maxOpenTickets: user.maxOpenTickets,
    }));
  }

  private async tryAssign(q: Queryable, companyId: number, ticketId: number): Promise<Outcome> {
    const pending = await sql.pendingTicket(q, companyId, ticketId);
    if (!pending) return { kind: 'not-pending' };
    const { queueId } = pending;
    const unlocked = await sql.queue(q, companyId, queueId, false);
    if (!unlocked || unlocked.mode === 'manual') return { kind: 'unavailable' };
    if (!(await this.isOpen(q, companyId, queueId, unlocked.schedule))) return { kind: 'unavailable' };

    // Read again under the lock: the cursor may have moved while this transaction waited for it.
    const queue = await sql.queue(q, companyId, queueId, true);
    if (!queue || queue.mode === 'manual') return { kind: 'unavailable' };
    const mode = queue.mode;
    const members = await sql.members(q, companyId, queueId);
    const online = await this.deps.presence.onlineUserIds(
      q,
      companyId,
      members.map((member) => member.id),
    );
    const candidates = candidatesInOrder(mode, members, online, queue.lastAssignedUserId);
    for (const [index, candidate] of candidates.entries()) {
      const locked = await sql.lockMember(q, companyId, candidate.id, index > 0);
      if (!locked || !hasRoom(locked)) continue;
      const before = await this.deps.lookup.find(q, companyId, ticketId);
      await this.deps.tickets.with(q).transition(companyId, ticketId, ['pending'], { status: 'open', userId: locked.id });
      await recordTicketEvent(q, { companyId, ticketId, kind: 'assigned', data: { by: mode, userId: locked.id } });
      if (mode === 'round_robin') await sql.moveCursor(q, companyId, queueId, locked.id);
      const { ticket, event } = await this.deps.lookup.updated(q, companyId, ticketId, before);
      return { kind: 'assigned', done: done(ticket, [event]) };
    }
    return { kind: 'unavailable' };
  }

  /** Out of hours nobody is assigned; a job at the next opening hands out what waited. */
  private async isOpen(q: Queryable, companyId: number, queueId: number, stored: unknown): Promise<boolean> {
    const settings = await companySettingsOf(q, companyId);
    const schedule = effectiveSchedule(settings.hours.schedule, queueSchedule(stored));
    if (!schedule) return true;
    const status = hoursStatus(schedule, this.now());
    if (status.state === 'open') return true;
    if (status.opensAt) {
      await this.deps.jobs.send(
        'tickets.assign-waiting',
        { companyId, queueId },
        { within: q, startAfter: status.opensAt, singletonKey: `${waitingJobKey(queueId)}@${status.opensAt.toISOString()}` },
      );
    }
    return false;
  }
}
