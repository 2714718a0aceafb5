import { sql } from 'drizzle-orm';
import type { MessageStatus } from '@jimmy/contracts';
import { STATUS_RANK } from '@jimmy/channels';
import type { Db } from '../../infra/db/index.js';
import { selectMessage, type MessageRow } from './messages.mapper.js';

/** Rank for forward-only statuses; `failed` may replace anything below `read`. */
/** Rank for forward-only statuses, from the channels' own table; `failed` and anything unknown rank -1. */
const statusRankSql = (column: string) =>
  sql.raw(
    `(case ${column} ${Object.entries(STATUS_RANK)
      .map(([status, rank]) => `when '${status}' then ${rank}`)
      .join(' ')} else -1 end)`,
  );

export class MessagesRepository {
  constructor(private readonly db: Db) {}

  async page(companyId: number, ticketId: number, before: number | undefined, limit: number): Promise<MessageRow[]> {
    const result = await this.db.execute(sql`${sql.raw(selectMessage)}
      where m.company_id = ${companyId} and m.ticket_id = ${ticketId} and m.type <> 'reaction'
      ${before ? sql`and m.id < ${before}` : sql``}
      order by m.id desc limit ${limit + 1}`);
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
    const result = await this.db.execute(sql`
      with target as (select id from messages where connection_id = ${connectionId} and external_id = ${externalId})
      update messages m set status = ${status}, status_at = ${at.toISOString()},
             error_code = ${error?.code ?? null}, error_message = ${error?.message ?? null}
        from target
       where m.id = target.id
         and (${status === 'failed' ? sql`${rank} < ${STATUS_RANK.read} and m.status <> 'failed'` : sql`${next} > ${rank}`})
      returning m.id, m.company_id, m.ticket_id`);
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
}
