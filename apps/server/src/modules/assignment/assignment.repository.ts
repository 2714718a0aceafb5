import type { AssignmentMode } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

export interface QueueForAssignment {
  mode: AssignmentMode;
  schedule: unknown;
  lastAssignedUserId: number | null;
}

export interface Member {
  id: number;
  maxOpenTickets: number | null;
  openTickets: number;
}

const OPEN_COUNT = `(select count(*)::int from tickets t where t.company_id = u.company_id and t.user_id = u.id and t.status = 'open')`;

/** The SQL of automatic assignment; every statement goes through the `q` it is given. */
export const assignmentSql = {
  async pendingTicket(q: Queryable, companyId: number, ticketId: number): Promise<{ queueId: number } | null> {
    // Locked, so the runner, a waiting-list job and an agent's accept never act on it at once.
    const { rows } = await q.query<{ status: string; queue_id: string | number | null }>(
      'select status, queue_id from tickets where company_id = $1 and id = $2 for update',
      [companyId, ticketId],
    );
    const row = rows[0];
    return row && row.status === 'pending' && row.queue_id !== null ? { queueId: Number(row.queue_id) } : null;
  },

  async queue(q: Queryable, companyId: number, queueId: number, lock: boolean): Promise<QueueForAssignment | null> {
    const { rows } = await q.query<{ assignment_mode: AssignmentMode; schedule: unknown; last_assigned_user_id: string | number | null }>(
      `select assignment_mode, schedule, last_assigned_user_id from queues where company_id = $1 and id = $2${lock ? ' for update' : ''}`,
      [companyId, queueId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      mode: row.assignment_mode,
      schedule: row.schedule,
      lastAssignedUserId: row.last_assigned_user_id === null ? null : Number(row.last_assigned_user_id),
    };
  },

  /** Active agents and supervisors of the queue, by id, with their open tickets. */
  async members(q: Queryable, companyId: number, queueId: number): Promise<Member[]> {
    const { rows } = await q.query<{ id: string | number; max_open_tickets: number | null; open_tickets: number }>(
      `select u.id, u.max_open_tickets, ${OPEN_COUNT} as open_tickets
         from user_queues uq join users u on u.id = uq.user_id and u.company_id = uq.company_id
        where uq.company_id = $1 and uq.queue_id = $2 and u.active and u.role in ('agent', 'supervisor')
        order by u.id`,
      [companyId, queueId],
    );
    return rows.map((row) => ({ id: Number(row.id), maxOpenTickets: row.max_open_tickets, openTickets: row.open_tickets }));
  },

  /**
   * Locks the agent and recounts their open tickets: two queues assigning to the same agent at once
   * would otherwise both see room for one more. `skipLocked` for every candidate after the first,
   * so two transactions never wait on each other's agents (no deadlock).
   */
  async lockMember(q: Queryable, companyId: number, userId: number, skipLocked: boolean): Promise<Member | null> {
    const { rows } = await q.query<{ id: string | number; max_open_tickets: number | null }>(
      `select id, max_open_tickets from users where company_id = $1 and id = $2 and active
          for no key update${skipLocked ? ' skip locked' : ''}`,
      [companyId, userId],
    );
    const row = rows[0];
    if (!row) return null;
    const { rows: counts } = await q.query<{ n: number }>(
      `select count(*)::int as n from tickets where company_id = $1 and user_id = $2 and status = 'open'`,
      [companyId, userId],
    );
    return { id: Number(row.id), maxOpenTickets: row.max_open_tickets, openTickets: counts[0]?.n ?? 0 };
  },

  async moveCursor(q: Queryable, companyId: number, queueId: number, userId: number): Promise<void> {
    await q.query('update queues set last_assigned_user_id = $3 where company_id = $1 and id = $2', [companyId, queueId, userId]);
  },

  /** The ticket that has waited longest in the queue; callbacks surfaced at the opening go first. */
  async oldestPending(q: Queryable, companyId: number, queueId: number): Promise<number | null> {
    const { rows } = await q.query<{ id: string | number }>(
      `select id from tickets where company_id = $1 and status = 'pending' and queue_id = $2
        order by (callback = 'surfaced') desc nulls last, created_at, id limit 1`,
      [companyId, queueId],
    );
    return rows[0] ? Number(rows[0].id) : null;
  },

  /** Queues of the user that assign by themselves. */
  async autoQueuesOf(q: Queryable, companyId: number, userId: number): Promise<number[]> {
    const { rows } = await q.query<{ id: string | number }>(
      `select qu.id from user_queues uq join queues qu on qu.id = uq.queue_id
        where uq.company_id = $1 and uq.user_id = $2 and qu.assignment_mode <> 'manual'`,
      [companyId, userId],
    );
    return rows.map((row) => Number(row.id));
  },

  /** Every auto-assigning queue, in any company, that has a ticket waiting: what the sweep revisits. */
  async queuesWithWaiting(q: Queryable): Promise<{ companyId: number; queueId: number }[]> {
    const { rows } = await q.query<{ company_id: string | number; id: string | number }>(
      `select qu.company_id, qu.id from queues qu
        where qu.assignment_mode <> 'manual'
          and exists (select 1 from tickets t where t.company_id = qu.company_id and t.status = 'pending' and t.queue_id = qu.id)`,
    );
    return rows.map((row) => ({ companyId: Number(row.company_id), queueId: Number(row.id) }));
  },

  /** Rows of nodes that died long ago: they already count as offline, this only keeps the table small. */
  async forgetDeadNodes(q: Queryable): Promise<void> {
    await q.query(`delete from agent_presence where seen_at < now() - interval '10 minutes'`);
  },

  /** Active users of the company with their open tickets and capacity (for the transfer dialog). */
  async workload(q: Queryable, companyId: number): Promise<Member[]> {
    const { rows } = await q.query<{ id: string | number; max_open_tickets: number | null; open_tickets: number }>(
      `select u.id, u.max_open_tickets, ${OPEN_COUNT} as open_tickets from users u where u.company_id = $1 and u.active order by u.id`,
      [companyId],
    );
    return rows.map((row) => ({ id: Number(row.id), maxOpenTickets: row.max_open_tickets, openTickets: row.open_tickets }));
  },
};
