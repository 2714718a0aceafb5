import type { Queryable } from '../../infra/db/index.js';
import type { AwaitingSurvey } from './survey-reply.js';

interface SurveyRow {
  id: number;
  company_id: number;
  ticket_id: number;
  contact_id: number;
  connection_id: number;
  user_id: number | null;
  queue_id: number | null;
  status: AwaitingSurvey['status'];
  expires_at: Date;
}

const columns = 'id, company_id, ticket_id, contact_id, connection_id, user_id, queue_id, status, expires_at';
const num = (value: number | null) => (value === null ? null : Number(value));

function toAwaiting(row: SurveyRow): AwaitingSurvey {
  return {
    id: Number(row.id),
    companyId: Number(row.company_id),
    ticketId: Number(row.ticket_id),
    contactId: Number(row.contact_id),
    connectionId: Number(row.connection_id),
    userId: num(row.user_id),
    queueId: num(row.queue_id),
    status: row.status,
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

/** SQL of the surveys table; every method runs on the `q` it is given (a caller's transaction or the pool). */
export const surveysRepository = {
  /** Whether the customer ever wrote on this ticket: a survey only follows a real conversation. */
  async hadCustomerMessage(q: Queryable, companyId: number, ticketId: number): Promise<boolean> {
    const { rows } = await q.query('select 1 from tickets where company_id = $1 and id = $2 and last_inbound_at is not null', [
      companyId,
      ticketId,
    ]);
    return rows.length > 0;
  },

  async existsForTicket(q: Queryable, companyId: number, ticketId: number): Promise<boolean> {
    const { rows } = await q.query('select 1 from surveys where company_id = $1 and ticket_id = $2', [companyId, ticketId]);
    return rows.length > 0;
  },

  /**
   * Ends the contact's older awaiting survey on this connection (the unique index allows one), so the
   * newest question is the one a reply answers. Returns the surveys expired.
   */
  async expireAwaitingOf(q: Queryable, input: { companyId: number; connectionId: number; contactId: number; exceptTicketId: number }) {
    const { rows } = await q.query<{ id: number; ticket_id: number }>(
      `update surveys set status = 'expired'
        where company_id = $1 and connection_id = $2 and contact_id = $3 and ticket_id <> $4
          and status in ('awaiting_score', 'awaiting_comment')
      returning id, ticket_id`,
      [input.companyId, input.connectionId, input.contactId, input.exceptTicketId],
    );
    return rows.map((row) => ({ id: Number(row.id), ticketId: Number(row.ticket_id) }));
  },

  /** null when the ticket already has its survey (a close racing another close). */
  async insert(
    q: Queryable,
    input: {
      companyId: number;
      ticketId: number;
      contactId: number;
      connectionId: number;
      userId: number | null;
      queueId: number | null;
      sentAt: Date;
      expiresAt: Date;
    },
  ): Promise<AwaitingSurvey | null> {
    const { rows } = await q.query<SurveyRow>(
      `insert into surveys (company_id, ticket_id, contact_id, connection_id, user_id, queue_id, status, sent_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, 'awaiting_score', $7, $8)
       on conflict (ticket_id) do nothing
       returning ${columns}`,
      [input.companyId, input.ticketId, input.contactId, input.connectionId, input.userId, input.queueId, input.sentAt, input.expiresAt],
    );
    return rows[0] ? toAwaiting(rows[0]) : null;
  },

  async awaitingFor(q: Queryable, connectionId: number, contactId: number, now: Date): Promise<AwaitingSurvey | null> {
    const { rows } = await q.query<SurveyRow>(
      `select ${columns} from surveys
        where connection_id = $1 and contact_id = $2 and status in ('awaiting_score', 'awaiting_comment') and expires_at > $3`,
      [connectionId, contactId, now],
    );
    return rows[0] ? toAwaiting(rows[0]) : null;
  },

  /** The ticket's survey while it still waits for an answer (expiry is the job's business). */
  async awaitingOfTicket(q: Queryable, companyId: number, ticketId: number): Promise<AwaitingSurvey | null> {
    const { rows } = await q.query<SurveyRow>(
      `select ${columns} from surveys where company_id = $1 and ticket_id = $2 and status in ('awaiting_score', 'awaiting_comment')`,
      [companyId, ticketId],
    );
    return rows[0] ? toAwaiting(rows[0]) : null;
  },

  /** The survey locked for an answer or an expiry, so two of them never interleave. */
  async lock(q: Queryable, surveyId: number): Promise<(AwaitingSurvey & { score: number | null }) | null> {
    const { rows } = await q.query<SurveyRow & { score: number | null }>(
      `select ${columns}, score from surveys where id = $1 and status in ('awaiting_score', 'awaiting_comment') for update`,
      [surveyId],
    );
    const row = rows[0];
    return row ? { ...toAwaiting(row), score: row.score === null ? null : Number(row.score) } : null;
  },

  async update(
    q: Queryable,
    surveyId: number,
    change: { status: 'awaiting_comment' | 'answered' | 'expired'; score?: number; comment?: string | null; answeredAt?: Date },
  ): Promise<void> {
    await q.query(
      `update surveys set status = $2, score = coalesce($3, score), comment = coalesce($4, comment), answered_at = coalesce($5, answered_at)
        where id = $1`,
      [surveyId, change.status, change.score ?? null, change.comment ?? null, change.answeredAt ?? null],
    );
  },

  async contactName(q: Queryable, companyId: number, contactId: number): Promise<string> {
    const { rows } = await q.query<{ name: string }>('select name from contacts where company_id = $1 and id = $2', [companyId, contactId]);
    return rows[0]?.name ?? '';
  },
};
