import { sql, type SQL } from 'drizzle-orm';
import type { TicketListQuery } from '@jimmy/contracts';
import { dbOf, escapeLike, type Queryable } from '../../infra/db/index.js';
import { decodeCursor, type TicketRow } from './tickets.mapper.js';
import { visibleToSql, type Viewer } from './visibility.js';

/** Above this many matching messages a search walks tickets newest-first instead of by id. */
const DENSE_SEARCH_MATCHES = 2000;

/** Exported for boards that list tickets with extra columns (the kanban wraps it as a subquery). */
export const selectTicket = sql`
  select t.id, t.status, t.contact_id, c.name as contact_name, c.phone as contact_phone, c.avatar_url as contact_avatar_url,
         t.connection_id, cn.type as connection_type, t.queue_id, t.user_id, t.unread_count, t.last_message_at,
         t.last_message_body, t.last_message_type, t.last_message_direction, t.last_inbound_at, t.first_response_at,
         t.closed_at, t.created_at, t.updated_at, t.callback,
         (select json_build_object('score', s.score, 'comment', s.comment) from surveys s
           where s.ticket_id = t.id and s.score is not null) as survey,
         (select coalesce(json_agg(json_build_object('id', tg.id, 'name', tg.name, 'color', tg.color) order by lower(tg.name), tg.id), '[]'::json)
            from ticket_tags tt join tags tg on tg.id = tt.tag_id where tt.ticket_id = t.id) as tags
    from tickets t
    join contacts c on c.id = t.contact_id
    join connections cn on cn.id = t.connection_id`;

/** any: the ticket has one of the tags; all: it has every one of them. */
function tagFilter(tagIds: number[], mode: 'any' | 'all'): SQL {
  const ids = sql.raw(`array[${tagIds.map(Number).join(',')}]::bigint[]`);
  return mode === 'all'
    ? sql`(select count(*) from ticket_tags tt where tt.ticket_id = t.id and tt.tag_id = any(${ids})) = ${tagIds.length}`
    : sql`exists (select 1 from ticket_tags tt where tt.ticket_id = t.id and tt.tag_id = any(${ids}))`;
}

export class TicketsRepository {
  constructor(private readonly q: Queryable) {}

  /** The same queries on another pool or inside a caller's transaction. */
  with(q: Queryable): TicketsRepository {
    return new TicketsRepository(q);
  }

  private get db() {
    return dbOf(this.q);
  }

  async list(viewer: Viewer, query: TicketListQuery): Promise<TicketRow[]> {
    const where: SQL[] = [sql`t.company_id = ${viewer.companyId}`];
    const visibility = visibleToSql(viewer);
    if (visibility) where.push(visibility);
    if (query.status) where.push(sql`t.status = ${query.status}`);
    if (query.scope === 'mine') where.push(sql`t.user_id = ${viewer.userId}`);
    if (query.queueId) where.push(sql`t.queue_id = ${query.queueId}`);
    if (query.userId) where.push(sql`t.user_id = ${query.userId}`);
    if (query.connectionId) where.push(sql`t.connection_id = ${query.connectionId}`);
    if (query.contactId) where.push(sql`t.contact_id = ${query.contactId}`);
    const tagIds = [...new Set([...(query.tagId ? [query.tagId] : []), ...(query.tagIds ?? [])])];
    if (tagIds.length > 0) where.push(tagFilter(tagIds, query.tagMode));
    if (query.q) where.push(await this.textMatch(viewer.companyId, query.q));
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (cursor) where.push(sql`(t.last_message_at, t.id) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`);
    }
    const result = await this.db.execute(
      sql`${selectTicket} where ${sql.join(where, sql` and `)} order by t.last_message_at desc, t.id desc limit ${query.limit + 1}`,
    );
    return result.rows as unknown as TicketRow[];
  }

  /**
   * Search by contact name/number or message text. Two plans, chosen by a cheap probe of the
   * trigram index: few matching messages → look their tickets up by id (fast however old they
   * are); many → walk tickets newest-first and stop at the first page (fast because matches are
   * dense). Either plan alone is slow for the other case (measured in bench/console.ts).
   */
  private async textMatch(companyId: number, q: string): Promise<SQL> {
    const like = `%${escapeLike(q)}%`;
    const digits = q.replace(/\D/g, '');
    const contactMatch = sql`t.contact_id = any(array(select id from contacts where company_id = ${companyId}
      and (name ilike ${like}${digits.length >= 3 ? sql` or phone like ${`%${digits}%`}` : sql``})))`;
    const probe = await this.db.execute(
      sql`select count(*)::int as n from (select 1 from messages where company_id = ${companyId} and body ilike ${like} limit ${DENSE_SEARCH_MATCHES}) x`,
    );
    const dense = Number((probe.rows[0] as { n: number }).n) >= DENSE_SEARCH_MATCHES;
    const messageMatch = dense
      ? // OFFSET 0 keeps PostgreSQL from turning this into a hashed subplan over every match, which would defeat the walk.
        sql`exists (select 1 from messages m where m.company_id = t.company_id and m.ticket_id = t.id and m.body ilike ${like} offset 0)`
      : sql`t.id = any(array(select m.ticket_id from messages m where m.company_id = ${companyId} and m.body ilike ${like}))`;
    return sql`(${contactMatch} or ${messageMatch})`;
  }

  async find(companyId: number, ticketId: number): Promise<TicketRow | undefined> {
    const result = await this.db.execute(sql`${selectTicket} where t.company_id = ${companyId} and t.id = ${ticketId}`);
    return result.rows[0] as TicketRow | undefined;
  }

  /** Every ticket of a contact, newest first: the service history shown beside a conversation. */
  async historyOf(companyId: number, contactId: number, limit = 500): Promise<TicketRow[]> {
    const result = await this.db.execute(
      sql`${selectTicket} where t.company_id = ${companyId} and t.contact_id = ${contactId} order by t.created_at desc, t.id desc limit ${limit}`,
    );
    return result.rows as unknown as TicketRow[];
  }

  /**
   * A guarded state change: the update only happens if the ticket is still in one of `from`, so two
   * agents accepting the same ticket at once cannot both win.
   */
  async transition(
    companyId: number,
    ticketId: number,
    from: readonly string[],
    set: {
      status?: string;
      userId?: number | null;
      queueId?: number | null;
      closedAt?: Date | null;
      resetUnread?: boolean;
      callback?: null;
    },
  ): Promise<boolean> {
    const assignments: SQL[] = [sql`updated_at = now()`];
    if (set.status !== undefined) assignments.push(sql`status = ${set.status}`);
    if (set.userId !== undefined) assignments.push(sql`user_id = ${set.userId}`);
    if (set.queueId !== undefined) assignments.push(sql`queue_id = ${set.queueId}`);
    if (set.closedAt !== undefined) assignments.push(sql`closed_at = ${set.closedAt?.toISOString() ?? null}`);
    if (set.resetUnread) assignments.push(sql`unread_count = 0`);
    if (set.callback === null) assignments.push(sql`callback = null`);
    const result = await this.db.execute(
      sql`update tickets set ${sql.join(assignments, sql`, `)} where company_id = ${companyId} and id = ${ticketId} and status in ${sql.raw(`(${from.map((s) => `'${s}'`).join(',')})`)} returning id`,
    );
    return result.rows.length > 0;
  }

  async markRead(companyId: number, ticketId: number): Promise<void> {
    await this.db.execute(
      sql`update tickets set unread_count = 0 where company_id = ${companyId} and id = ${ticketId} and unread_count <> 0`,
    );
  }

  async startConversation(
    companyId: number,
    userId: number,
    connectionId: number,
    digits: string,
    name: string,
  ): Promise<{ ticketId: number; created: boolean } | null> {
    return this.db.transaction(async (tx) => {
      const connection = await tx.execute(
        sql`select id, default_queue_id from connections where company_id = ${companyId} and id = ${connectionId} and deleted_at is null and type in ('whatsapp_cloud', 'whatsapp_web')`,
      );
      const row = connection.rows[0] as { id: number; default_queue_id: number | null } | undefined;
      if (!row) return null;
      const contact =
        await tx.execute(sql`insert into contacts (company_id, name, phone, wa_id) values (${companyId}, ${name}, ${`+${digits}`}, ${digits})
        on conflict (company_id, wa_id) where wa_id is not null do update set updated_at = now() returning id`);
      const contactId = Number((contact.rows[0] as { id: number }).id);
      const inserted = await tx.execute(sql`insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status)
        values (${companyId}, ${contactId}, ${connectionId}, ${row.default_queue_id}, ${userId}, 'open')
        on conflict (connection_id, contact_id) where status <> 'closed' do nothing returning id`);
      if (inserted.rows[0]) return { ticketId: Number((inserted.rows[0] as { id: number }).id), created: true };
      const live = await tx.execute(
        sql`select id from tickets where connection_id = ${connectionId} and contact_id = ${contactId} and status <> 'closed'`,
      );
      return { ticketId: Number((live.rows[0] as { id: number }).id), created: false };
    });
  }

  async userIsActiveMember(companyId: number, userId: number): Promise<boolean> {
    const result = await this.db.execute(sql`select 1 from users where company_id = ${companyId} and id = ${userId} and active`);
    return result.rows.length > 0;
  }
}
