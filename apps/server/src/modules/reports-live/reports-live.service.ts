import type pg from 'pg';
import type { UserAvailability } from '@jimmy/contracts';
import type { LiveAgent, LiveQueue, LiveReport } from './reports-live.schema.js';

export interface ReportsLiveDeps {
  pool: pg.Pool;
  /** The transfer dialog's source of truth for who is online and how loaded: one definition of capacity. */
  assignment: { availability(companyId: number): Promise<UserAvailability[]> };
}

/**
 * The moments a ticket starts waiting for a human: creation, a reopen, the bot handing it to a queue
 * (or leaving it unqueued) and a transfer back to a queue. A pending ticket has waited since the last one.
 */
const WAIT_STARTS = `('created', 'reopened', 'queue-assigned', 'left-unqueued', 'transferred', 'callback-surfaced')`;

/**
 * What is happening now, read from the live rows (tickets, agent_presence) rather than the report
 * aggregates: a supervisor watching the queue must see the ticket that arrived a second ago.
 */
export class ReportsLiveService {
  constructor(private readonly deps: ReportsLiveDeps) {}

  async live(companyId: number): Promise<LiveReport> {
    const [queues, agents] = await Promise.all([this.queues(companyId), this.agents(companyId)]);
    return { queues, agents };
  }

  private async queues(companyId: number): Promise<LiveQueue[]> {
    const { rows } = await this.deps.pool.query<{
      queue_id: string | number | null;
      name: string | null;
      color: string | null;
      waiting: number;
      oldest: Date | null;
    }>(
      `with waiting as (
         select t.queue_id,
                coalesce((select max(e.created_at) from ticket_events e
                           where e.company_id = t.company_id and e.ticket_id = t.id and e.kind in ${WAIT_STARTS}),
                         t.created_at) as since
           from tickets t
          where t.company_id = $1 and t.status = 'pending'
       ), per_queue as (
         select queue_id, count(*)::int as waiting, min(since) as oldest from waiting group by queue_id
       )
       select q.id as queue_id, q.name, q.color, coalesce(p.waiting, 0)::int as waiting, p.oldest
         from queues q left join per_queue p on p.queue_id = q.id
        where q.company_id = $1
       union all
       select null, null, null, coalesce((select waiting from per_queue where queue_id is null), 0)::int,
              (select oldest from per_queue where queue_id is null)
       order by 1 nulls last`,
      [companyId],
    );
    return rows.map((row) => ({
      queueId: row.queue_id === null ? null : Number(row.queue_id),
      // The web names the "no queue" row in the reader's language.
      name: row.name ?? '',
      color: row.color,
      waiting: row.waiting,
      oldestWaitingSince: row.oldest ? new Date(row.oldest).toISOString() : null,
    }));
  }

  private async agents(companyId: number): Promise<LiveAgent[]> {
    const [availability, { rows }] = await Promise.all([
      this.deps.assignment.availability(companyId),
      this.deps.pool.query<{ id: string | number; name: string }>(
        `select id, name from users where company_id = $1 and active and role in ('agent', 'supervisor', 'admin')`,
        [companyId],
      ),
    ]);
    const names = new Map(rows.map((row) => [Number(row.id), row.name]));
    const agents: LiveAgent[] = [];
    for (const user of availability) {
      const name = names.get(user.userId);
      if (name === undefined) continue;
      agents.push({
        userId: user.userId,
        name,
        status: statusOf(user),
        openTickets: user.openTickets,
        capacity: user.maxOpenTickets,
      });
    }
    const rank = { online: 0, away: 1, offline: 2 } as const;
    return agents.sort((a, b) => rank[a.status] - rank[b.status] || b.openTickets - a.openTickets || a.name.localeCompare(b.name));
  }
}

/**
 * Presence today is online/offline (a socket open or not). An "away" state, when availability gains
 * one, passes through; any other value counts as online, as the socket is what makes a user reachable.
 */
function statusOf(user: UserAvailability & { status?: unknown }): LiveAgent['status'] {
  if (!user.online) return 'offline';
  return user.status === 'away' ? 'away' : 'online';
}
