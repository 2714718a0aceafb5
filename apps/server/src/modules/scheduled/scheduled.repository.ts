import { sql, type SQL } from 'drizzle-orm';
import type { ScheduledMessage } from '@jimmy/contracts';
import { dbOf, escapeLike, type Queryable } from '../../infra/db/index.js';
import { visibleToSql, type Viewer } from '../tickets/index.js';
import type { StoredRepeat } from './repeat.js';

type Status = ScheduledMessage['status'];
export type TemplateRef = { name: string; language: string; components: Record<string, unknown>[] };

export interface ScheduledRow {
  id: number;
  company_id: number;
  contact_id: number;
  contact_name: string;
  connection_id: number;
  ticket_id: number | null;
  created_by: number | null;
  creator_name: string | null;
  body: string;
  media_path: string | null;
  media_mime: string | null;
  media_name: string | null;
  media_size: number | null;
  template: TemplateRef | null;
  send_at: Date;
  repeat: StoredRepeat | null;
  occurrence: number;
  status: Status;
  error_code: string | null;
  error_message: string | null;
  sent_message_id: number | null;
  sent_at: Date | null;
  created_at: Date;
}

const selectScheduled = `
  select s.id, s.company_id, s.contact_id, c.name as contact_name, s.connection_id, s.ticket_id, s.created_by, u.name as creator_name,
         s.body, s.media_path, s.media_mime, s.media_name, s.media_size, s.template, s.send_at, s.repeat, s.occurrence, s.status,
         s.error_code, s.error_message, s.sent_message_id, s.sent_at, s.created_at
    from scheduled_messages s
    join contacts c on c.id = s.contact_id
    left join users u on u.id = s.created_by`;

export interface NewScheduled {
  companyId: number;
  contactId: number;
  connectionId: number;
  ticketId: number | null;
  createdBy: number;
  body: string;
  media: { path: string; mime: string; name: string; size: number } | null;
  template: TemplateRef | null;
  sendAt: Date;
  repeat: StoredRepeat | null;
}

export interface ScheduledFilter {
  status?: Status | undefined;
  ticketId?: number | undefined;
  contactId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Contact name or number. */
  q?: string | undefined;
  limit: number;
}

/** SQL over scheduled_messages; always scoped by company, and by what the viewer may see when listing. */
export class ScheduledRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): ScheduledRepository {
    return new ScheduledRepository(q);
  }

  async insert(row: NewScheduled): Promise<number> {
    const { rows } = await this.q.query<{ id: number }>(
      `insert into scheduled_messages (company_id, contact_id, connection_id, ticket_id, created_by, body, media_path, media_mime,
                                       media_name, media_size, template, send_at, repeat)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
      [
        row.companyId,
        row.contactId,
        row.connectionId,
        row.ticketId,
        row.createdBy,
        row.body,
        row.media?.path ?? null,
        row.media?.mime ?? null,
        row.media?.name ?? null,
        row.media?.size ?? null,
        row.template,
        row.sendAt,
        row.repeat,
      ],
    );
    return Number(rows[0]!.id);
  }

  async find(companyId: number, id: number): Promise<ScheduledRow | undefined> {
    const { rows } = await this.q.query<ScheduledRow>(`${selectScheduled} where s.company_id = $1 and s.id = $2`, [companyId, id]);
    return rows[0];
  }

  /** The row locked for the rest of the caller's transaction: whoever holds it alone may send or change it. */
  async lock(id: number, companyId?: number): Promise<{ id: number; company_id: number } | undefined> {
    const { rows } = await this.q.query<{ id: number; company_id: number }>(
      `select id, company_id from scheduled_messages where id = $1 ${companyId === undefined ? '' : 'and company_id = $2'} for update`,
      companyId === undefined ? [id] : [id, companyId],
    );
    return rows[0];
  }

  /** Whether the row is due by the database's clock (the same clock pg-boss starts jobs by). */
  async isDue(id: number): Promise<boolean> {
    const { rows } = await this.q.query(`select 1 from scheduled_messages where id = $1 and send_at <= now() + interval '1 second'`, [id]);
    return rows.length > 0;
  }

  async list(viewer: Viewer, filter: ScheduledFilter): Promise<ScheduledRow[]> {
    const where: SQL[] = [sql`s.company_id = ${viewer.companyId}`];
    const visible = visibleToSql(viewer);
    // Your own schedules, and those of conversations you may see (the same rule as the ticket list).
    if (visible) {
      where.push(
        sql`(s.created_by = ${viewer.userId} or exists (select 1 from tickets t where t.id = s.ticket_id and t.company_id = s.company_id and ${visible}))`,
      );
    }
    if (filter.status) where.push(sql`s.status = ${filter.status}`);
    if (filter.ticketId) where.push(sql`s.ticket_id = ${filter.ticketId}`);
    if (filter.contactId) where.push(sql`s.contact_id = ${filter.contactId}`);
    if (filter.from) where.push(sql`s.send_at >= ${filter.from.toISOString()}::timestamptz`);
    if (filter.to) where.push(sql`s.send_at <= ${filter.to.toISOString()}::timestamptz`);
    if (filter.q) {
      const digits = filter.q.replace(/\D/g, '');
      where.push(sql`(c.name ilike ${`%${escapeLike(filter.q)}%`}${digits.length >= 3 ? sql` or c.phone like ${`%${digits}%`}` : sql``})`);
    }
    const result = await dbOf(this.q).execute(
      sql`${sql.raw(selectScheduled)} where ${sql.join(where, sql` and `)} order by s.send_at desc, s.id desc limit ${filter.limit}`,
    );
    return result.rows as unknown as ScheduledRow[];
  }

  /** Whether a viewer may see one row (the list's rule for a single id). */
  async visibleTo(viewer: Viewer, id: number): Promise<boolean> {
    const visible = visibleToSql(viewer);
    const result = await dbOf(this.q).execute(
      sql`select 1 from scheduled_messages s where s.company_id = ${viewer.companyId} and s.id = ${id}${
        visible
          ? sql` and (s.created_by = ${viewer.userId} or exists (select 1 from tickets t where t.id = s.ticket_id and t.company_id = s.company_id and ${visible}))`
          : sql``
      }`,
    );
    return result.rows.length > 0;
  }

  async update(
    id: number,
    set: {
      body?: string;
      sendAt?: Date;
      repeat?: StoredRepeat | null;
      template?: TemplateRef | null;
      status?: Status;
      occurrence?: number;
      error?: { code: string; message: string } | null;
      sent?: { messageId: number; ticketId: number };
    },
  ): Promise<void> {
    const assignments: string[] = ['updated_at = now()'];
    const values: unknown[] = [id];
    const put = (column: string, value: unknown) => {
      values.push(value);
      assignments.push(`${column} = $${values.length}`);
    };
    if (set.body !== undefined) put('body', set.body);
    if (set.sendAt !== undefined) put('send_at', set.sendAt);
    if (set.repeat !== undefined) put('repeat', set.repeat);
    if (set.template !== undefined) put('template', set.template);
    if (set.status !== undefined) put('status', set.status);
    if (set.occurrence !== undefined) put('occurrence', set.occurrence);
    if (set.error !== undefined) {
      put('error_code', set.error?.code ?? null);
      put('error_message', set.error?.message ?? null);
    }
    if (set.sent) {
      put('sent_message_id', set.sent.messageId);
      // The row follows the conversation its message went to, so that ticket's list shows it.
      put('ticket_id', set.sent.ticketId);
      assignments.push('sent_at = now()');
    }
    await this.q.query(`update scheduled_messages set ${assignments.join(', ')} where id = $1`, values);
  }

  /**
   * When the customer last wrote on this connection: their channel record or any of their tickets
   * there (the Cloud API 24-hour window counts from it).
   */
  async lastInboundAt(companyId: number, connectionId: number, contactId: number): Promise<Date | null> {
    const { rows } = await this.q.query<{ last: Date | null }>(
      `select greatest(
         (select max(last_inbound_at) from contact_channels where company_id = $1 and connection_id = $2 and contact_id = $3),
         (select max(last_inbound_at) from tickets where company_id = $1 and connection_id = $2 and contact_id = $3)) as last`,
      [companyId, connectionId, contactId],
    );
    const last = rows[0]?.last;
    return last ? new Date(last) : null;
  }

  async connectionOf(
    companyId: number,
    connectionId: number,
  ): Promise<{ id: number; type: 'whatsapp_cloud' | 'whatsapp_web' | 'webchat'; default_queue_id: number | null } | undefined> {
    const { rows } = await this.q.query<{
      id: number;
      type: 'whatsapp_cloud' | 'whatsapp_web' | 'webchat';
      default_queue_id: number | null;
    }>('select id, type, default_queue_id from connections where company_id = $1 and id = $2 and deleted_at is null', [
      companyId,
      connectionId,
    ]);
    return rows[0];
  }

  async contactExists(companyId: number, contactId: number): Promise<boolean> {
    const { rows } = await this.q.query('select 1 from contacts where company_id = $1 and id = $2', [companyId, contactId]);
    return rows.length > 0;
  }

  async liveTicketOf(companyId: number, connectionId: number, contactId: number): Promise<number | null> {
    const { rows } = await this.q.query<{ id: number }>(
      `select id from tickets where company_id = $1 and connection_id = $2 and contact_id = $3 and status <> 'closed'`,
      [companyId, connectionId, contactId],
    );
    return rows[0] ? Number(rows[0].id) : null;
  }

  /**
   * Opens the contact's ticket for the scheduling agent. The partial unique index allows one live
   * ticket per contact and connection: when another transaction opened one meanwhile, that one wins.
   */
  async openTicket(input: {
    companyId: number;
    connectionId: number;
    contactId: number;
    queueId: number | null;
    userId: number | null;
  }): Promise<{ id: number; created: boolean }> {
    const inserted = await this.q.query<{ id: number }>(
      `insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (connection_id, contact_id) where status <> 'closed' do nothing returning id`,
      [input.companyId, input.contactId, input.connectionId, input.queueId, input.userId, input.userId === null ? 'pending' : 'open'],
    );
    if (inserted.rows[0]) return { id: Number(inserted.rows[0].id), created: true };
    const live = await this.liveTicketOf(input.companyId, input.connectionId, input.contactId);
    return { id: live!, created: false };
  }

  async closeTicket(companyId: number, ticketId: number): Promise<void> {
    await this.q.query(
      `update tickets set status = 'closed', closed_at = now(), unread_count = 0, updated_at = now()
        where company_id = $1 and id = $2 and status <> 'closed'`,
      [companyId, ticketId],
    );
  }

  async queueOfTicket(companyId: number, ticketId: number | null): Promise<number | null> {
    if (ticketId === null) return null;
    const { rows } = await this.q.query<{ queue_id: number | null }>('select queue_id from tickets where company_id = $1 and id = $2', [
      companyId,
      ticketId,
    ]);
    return rows[0]?.queue_id == null ? null : Number(rows[0].queue_id);
  }

  async userIsActive(companyId: number, userId: number | null): Promise<boolean> {
    if (userId === null) return false;
    const { rows } = await this.q.query('select 1 from users where company_id = $1 and id = $2 and active', [companyId, userId]);
    return rows.length > 0;
  }
}
