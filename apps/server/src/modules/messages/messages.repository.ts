import { sql } from 'drizzle-orm';
import type { MessageStatus } from '@jimmy/contracts';
import { STATUS_RANK } from '@jimmy/channels';
import { dbOf, type Queryable } from '../../infra/db/index.js';
import { selectMessage, type MessageRow } from './messages.mapper.js';
import { outboxInsertSql } from '../webhooks/index.js';

/**
 * Wraps a status update of `messages m` so the new status also becomes a `message.status` webhook
 * event in the same statement (nothing is written for a company without such a subscription).
 */
const withStatusEvent = (update: string) => `
  with upd as (${update} returning m.id, m.company_id, m.ticket_id, m.status, m.external_id, m.error_code, m.error_message, m.status_at),
  changed as (
    select company_id, ticket_id, jsonb_build_object('message', jsonb_build_object('id', id, 'ticketId', ticket_id, 'status', status,
             'externalId', external_id, 'errorCode', error_code, 'errorMessage', error_message, 'statusAt', status_at)) as data
      from upd),
  outbox as (${outboxInsertSql('changed', 'message.status')})
  select id, company_id, ticket_id from upd`;

export interface SendRow {
  id: number;
  company_id: number;
  connection_id: number;
  contact_id: number;
  type: string;
  body: string;
  payload: Record<string, unknown> | null;
  media_path: string | null;
  media_mime: string | null;
  media_name: string | null;
  client_ref: string;
  status: string;
  external_id: string | null;
  uncertain_since: Date | null;
  wa_id: string | null;
  bsuid: string | null;
  quoted_external_id: string | null;
}

export interface NewOutboundRow {
  ticketId: number;
  author: 'agent' | 'bot' | 'system';
  userId: number | null;
  type: string;
  body: string;
  payload: Record<string, unknown> | null;
  media?: { path: string; mime: string; name: string; size: number };
  quotedMessageId: number | null;
  clientRef: string | null;
  status: MessageStatus;
}

/**
 * The reactions array with `by`'s reaction replaced by the emoji, or removed when the emoji is
 * null: one reaction per side, as WhatsApp shows them. `$by` and `$emoji` are parameter refs.
 */
export const replaceReactionSql = (by: string, emoji: string) =>
  `coalesce((select jsonb_agg(r) from jsonb_array_elements(reactions) r where r->>'by' <> ${by}), '[]'::jsonb)
     || case when ${emoji}::text is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object('emoji', ${emoji}::text, 'by', ${by}::text)) end`;

/** Rank for forward-only statuses; `failed` may replace anything below `read`. */
/** Rank for forward-only statuses, from the channels' own table; `failed` and anything unknown rank -1. */
const statusRankSql = (column: string) =>
  `(case ${column} ${Object.entries(STATUS_RANK)
    .map(([status, rank]) => `when '${status}' then ${rank}`)
    .join(' ')} else -1 end)`;

export class MessagesRepository {
  constructor(private readonly q: Queryable) {}

  /** The same queries on another pool or inside a caller's transaction. */
  with(q: Queryable): MessagesRepository {
    return new MessagesRepository(q);
  }

  private get db() {
    return dbOf(this.q);
  }

  async page(companyId: number, ticketId: number, before: number | undefined, limit: number): Promise<MessageRow[]> {
    const result = await this.db.execute(sql`${sql.raw(selectMessage)}
      where m.company_id = ${companyId} and m.ticket_id = ${ticketId} and m.type <> 'reaction'
      ${before ? sql`and m.id < ${before}` : sql``}
      order by m.id desc limit ${limit + 1}`);
    return result.rows as unknown as MessageRow[];
  }

  /** The `limit + 1` oldest messages newer than `afterId`, oldest first (one extra tells whether more follow). */
  async pageAfter(companyId: number, ticketId: number, afterId: number, limit: number): Promise<MessageRow[]> {
    const result = await this.db.execute(sql`${sql.raw(selectMessage)}
      where m.company_id = ${companyId} and m.ticket_id = ${ticketId} and m.type <> 'reaction' and m.id > ${afterId}
      order by m.id asc limit ${limit + 1}`);
    return result.rows as unknown as MessageRow[];
  }

  async find(companyId: number, messageId: number): Promise<MessageRow | undefined> {
    const result = await this.db.execute(sql`${sql.raw(selectMessage)} where m.company_id = ${companyId} and m.id = ${messageId}`);
    return result.rows[0] as MessageRow | undefined;
  }

  /** By id alone, for jobs and events that start from a message id; callers check the company. */
  async findById(messageId: number): Promise<MessageRow | undefined> {
    const result = await this.db.execute(sql`${sql.raw(selectMessage)} where m.id = ${messageId}`);
    return result.rows[0] as MessageRow | undefined;
  }

  /**
   * Applies a provider status if it moves the message forward (or fails it before it was read).
   * Returns the message id and ticket when something changed; `undefined` when nothing matched.
   */
  async applyStatus(
    connectionId: number,
    externalId: string,
    status: MessageStatus,
    at: Date,
    error?: { code: string; message: string },
  ): Promise<{ id: number; companyId: number; ticketId: number } | 'unknown' | 'unchanged'> {
    const rank = statusRankSql('m.status');
    const next = statusRankSql(`'${status}'`);
    const condition = status === 'failed' ? `${rank} < ${STATUS_RANK.read} and m.status <> 'failed'` : `${next} > ${rank}`;
    const { rows } = await this.q.query(
      withStatusEvent(`update messages m set status = $3, status_at = $4, error_code = $5, error_message = $6
         where m.id = (select id from messages where connection_id = $1 and external_id = $2) and (${condition})`),
      [connectionId, externalId, status, at.toISOString(), error?.code ?? null, error?.message ?? null],
    );
    const result = { rows };
    const row = result.rows[0] as { id: number; company_id: number; ticket_id: number } | undefined;
    if (row) return { id: Number(row.id), companyId: Number(row.company_id), ticketId: Number(row.ticket_id) };
    const exists = await this.db.execute(sql`select 1 from messages where connection_id = ${connectionId} and external_id = ${externalId}`);
    return exists.rows.length > 0 ? 'unchanged' : 'unknown';
  }

  async parkStatus(connectionId: number, externalId: string, status: MessageStatus, at: Date, error?: { code: string; message: string }) {
    await this.db.execute(sql`insert into pending_statuses (connection_id, external_id, status, at, error_code, error_message)
      values (${connectionId}, ${externalId}, ${status}, ${at.toISOString()}, ${error?.code ?? null}, ${error?.message ?? null})
      on conflict do nothing`);
  }

  async takeParkedStatuses(connectionId: number, externalId: string) {
    const result = await this.db
      .execute(sql`delete from pending_statuses where connection_id = ${connectionId} and external_id = ${externalId}
      returning status, at, error_code, error_message`);
    return result.rows as { status: MessageStatus; at: Date; error_code: string | null; error_message: string | null }[];
  }

  /** An outbound message of the ticket's conversation (company, connection and contact come from the ticket). */
  async insertOutbound(row: NewOutboundRow): Promise<number> {
    const { rows } = await this.q.query<{ id: number }>(
      `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, payload,
                             media_path, media_mime, media_name, media_size, media_state, quoted_message_id, client_ref, status)
       select t.company_id, t.id, t.connection_id, t.contact_id, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
         from tickets t where t.id = $1
       returning id`,
      [
        row.ticketId,
        row.author,
        row.userId,
        row.type,
        row.body,
        row.payload,
        row.media?.path ?? null,
        row.media?.mime ?? null,
        row.media?.name ?? null,
        row.media?.size ?? null,
        row.media ? 'ready' : null,
        row.quotedMessageId,
        row.clientRef,
        row.status,
      ],
    );
    return rows[0]!.id;
  }

  /** The ticket list's last line moves to our message; the first agent reply stamps the first response. */
  async bumpTicketForOutbound(ticketId: number, preview: string, type: string, author: string): Promise<void> {
    await this.q.query(
      `update tickets set last_message_at = now(), last_message_body = $2, last_message_type = $3, last_message_direction = 'out',
              first_response_at = coalesce(first_response_at, case when $4 = 'agent' then now() end), updated_at = now()
        where id = $1`,
      [ticketId, preview, type, author],
    );
  }

  async setAgentReaction(companyId: number, messageId: number, emoji: string | null): Promise<void> {
    await this.q.query(`update messages set reactions = ${replaceReactionSql(`'agent'`, '$3')} where company_id = $1 and id = $2`, [
      companyId,
      messageId,
      emoji,
    ]);
  }

  /** A failed message goes back to pending, keeping its idempotency key. */
  async requeue(messageId: number): Promise<void> {
    await this.q.query(
      `update messages set status = 'pending', error_code = null, error_message = null, uncertain_since = null where id = $1`,
      [messageId],
    );
  }

  /** The send timed out on our side but the provider accepted it: its receipt carries our key, and the provider id with it. */
  async linkByClientRef(connectionId: number, clientRef: string, externalId: string): Promise<void> {
    await this.q.query(
      `update messages set external_id = $1, uncertain_since = null where client_ref = $2 and connection_id = $3 and external_id is null`,
      [externalId, clientRef, connectionId],
    );
  }

  // The send, media and read-receipt jobs start from an id alone; the company comes from the row.

  async loadForSend(messageId: number): Promise<SendRow | undefined> {
    const { rows } = await this.q.query<SendRow>(
      `select m.id, m.company_id, m.connection_id, m.contact_id, m.type, m.body, m.payload, m.media_path, m.media_mime, m.media_name,
              m.client_ref, m.status, m.external_id, m.uncertain_since, c.wa_id, c.bsuid, q.external_id as quoted_external_id
         from messages m join contacts c on c.id = m.contact_id left join messages q on q.id = m.quoted_message_id
        where m.id = $1`,
      [messageId],
    );
    return rows[0];
  }

  /**
   * Whether an earlier send of the same ticket, queued moments ago, has not reached the provider yet:
   * its job may be running on another node. Older stuck sends (retrying a dead connection) do not count.
   */
  async hasEarlierRecentSend(companyId: number, ticketId: number, messageId: number, recentSeconds: number): Promise<boolean> {
    const { rows } = await this.q.query(
      `select 1 from messages
        where company_id = $1 and ticket_id = $2 and id < $3 and client_ref is not null
          and status = 'pending' and external_id is null and created_at > now() - make_interval(secs => $4)
        limit 1`,
      [companyId, ticketId, messageId, recentSeconds],
    );
    return rows.length > 0;
  }

  /** Only a message still pending fails: one sent meanwhile, or failed by hand, stays as it is. */
  async failPending(messageId: number, code: string, message: string): Promise<void> {
    await this.q.query(
      withStatusEvent(
        `update messages m set status = 'failed', error_code = $2, error_message = $3, status_at = now() where m.id = $1 and m.status = 'pending'`,
      ),
      [messageId, code, message],
    );
  }

  async countAttempt(messageId: number): Promise<void> {
    await this.q.query('update messages set send_attempts = send_attempts + 1 where id = $1', [messageId]);
  }

  /** Remembers an upload so a retry does not upload the same file again. */
  async rememberUpload(messageId: number, providerMediaId: string): Promise<void> {
    await this.q.query(
      `update messages set payload = coalesce(payload, '{}'::jsonb) || jsonb_build_object('providerMediaId', $2::text) where id = $1`,
      [messageId, providerMediaId],
    );
  }

  /** The provider accepted the send; a receipt may have linked the id first, and then wins. */
  async recordProviderId(messageId: number, externalId: string): Promise<void> {
    await this.q.query(
      withStatusEvent(`update messages m set external_id = $2, status = case when m.status = 'pending' then 'sent' else m.status end,
              status_at = now(), uncertain_since = null
        where m.id = $1 and m.external_id is null`),
      [messageId, externalId],
    );
  }

  /** Delivered on our own socket (web chat): the status is known at once. */
  async recordLocalDelivery(messageId: number, externalId: string, status: 'sent' | 'delivered'): Promise<void> {
    await this.q.query(
      withStatusEvent(`update messages m set external_id = $2, status = $3, status_at = now() where m.id = $1 and m.status = 'pending'`),
      [messageId, externalId, status],
    );
  }

  async markUncertain(messageId: number): Promise<void> {
    await this.q.query('update messages set uncertain_since = coalesce(uncertain_since, now()) where id = $1', [messageId]);
  }

  /** The newest customer message of a ticket that the provider knows: reading it marks everything before as read. */
  async lastInboundOf(ticketId: number) {
    const { rows } = await this.q.query<{ company_id: number; connection_id: number; external_id: string; wa_id: string | null }>(
      `select m.company_id, m.connection_id, m.external_id, coalesce(c.wa_id, c.bsuid) as wa_id from messages m join contacts c on c.id = m.contact_id
        where m.ticket_id = $1 and m.direction = 'in' and m.external_id is not null and m.type <> 'reaction' order by m.id desc limit 1`,
      [ticketId],
    );
    return rows[0];
  }

  async loadForDownload(messageId: number) {
    const { rows } = await this.q.query<{
      id: number;
      company_id: number;
      connection_id: number;
      media_state: string | null;
      media_mime: string | null;
      media_name: string | null;
      payload: Record<string, unknown> | null;
    }>('select id, company_id, connection_id, media_state, media_mime, media_name, payload from messages where id = $1', [messageId]);
    return rows[0];
  }

  async mediaFailed(messageId: number): Promise<void> {
    await this.q.query(`update messages set media_state = 'failed' where id = $1`, [messageId]);
  }

  async mediaReady(messageId: number, file: { path: string; mime: string; size: number }): Promise<void> {
    await this.q.query(`update messages set media_path = $2, media_mime = $3, media_size = $4, media_state = 'ready' where id = $1`, [
      messageId,
      file.path,
      file.mime,
      file.size,
    ]);
  }

  /** Outbound messages of a connection from the last day that still wait for their first send. */
  async pendingSends(connectionId: number): Promise<number[]> {
    const { rows } = await this.q.query<{ id: number }>(
      `select id from messages where connection_id = $1 and direction = 'out' and status = 'pending' and external_id is null and type <> 'note'
          and created_at > now() - interval '1 day'`,
      [connectionId],
    );
    return rows.map((r) => Number(r.id));
  }
}
