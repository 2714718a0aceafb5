import type { TicketEvent } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

/**
 * What happened to a ticket. Written in the transaction of the change itself, so history, reports
 * and outbound webhooks read facts that committed together with it.
 */
export type TicketEventKind =
  | 'created'
  | 'reopened'
  | 'bot-started'
  | 'typebot-started'
  | 'typebot-ended'
  | 'menu-sent'
  | 'invalid-option'
  | 'queue-assigned'
  | 'left-unqueued'
  | 'out-of-hours-notified'
  | 'callback-offered'
  | 'callback-requested'
  | 'callback-declined'
  | 'callback-surfaced'
  | 'taken-over'
  | 'accepted'
  | 'assigned'
  | 'transferred'
  | 'closed'
  | 'survey-sent'
  | 'survey-answered'
  | 'survey-expired'
  | 'scheduled-message-sent'
  | 'tagged'
  | 'untagged';

interface NewTicketEvent {
  companyId: number;
  ticketId: number;
  kind: TicketEventKind;
  /** The agent who acted; omit for the customer, the bot and the system. */
  actorUserId?: number | null;
  data?: Record<string, unknown>;
}

export async function recordTicketEvent(q: Queryable, event: NewTicketEvent): Promise<void> {
  await q.query('insert into ticket_events (company_id, ticket_id, kind, actor_user_id, data) values ($1, $2, $3, $4, $5)', [
    event.companyId,
    event.ticketId,
    event.kind,
    event.actorUserId ?? null,
    event.data ?? {},
  ]);
}

/** A ticket's history, oldest first. */
export async function ticketEventsOf(q: Queryable, companyId: number, ticketId: number): Promise<TicketEvent[]> {
  const { rows } = await q.query<{
    id: number;
    ticket_id: number;
    kind: string;
    actor_id: number | null;
    actor_name: string | null;
    data: Record<string, unknown>;
    created_at: Date;
  }>(
    `select e.id, e.ticket_id, e.kind, e.actor_user_id as actor_id, u.name as actor_name, e.data, e.created_at
       from ticket_events e left join users u on u.id = e.actor_user_id
      where e.company_id = $1 and e.ticket_id = $2 order by e.id limit 1000`,
    [companyId, ticketId],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    ticketId: Number(row.ticket_id),
    kind: row.kind,
    actor: row.actor_id === null ? null : { id: Number(row.actor_id), name: row.actor_name ?? '' },
    data: row.data,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}
