import type { Notification } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

interface NotificationRow {
  id: number;
  kind: Notification['kind'];
  ticket_id: number | null;
  message_id: number | null;
  actor_user_id: number | null;
  actor_name: string | null;
  excerpt: string | null;
  contact_name: string | null;
  read_at: Date | null;
  created_at: Date;
  conversation_id: string | null;
}

const select = `
  select n.id, n.kind, n.ticket_id, n.message_id, n.actor_user_id, a.name as actor_name,
         coalesce(left(m.body, 160), n.data ->> 'excerpt') as excerpt, c.name as contact_name, n.read_at, n.created_at,
         n.data ->> 'conversationId' as conversation_id
    from notifications n
    left join users a on a.id = n.actor_user_id
    left join messages m on m.id = n.message_id
    left join tickets t on t.id = n.ticket_id
    left join contacts c on c.id = t.contact_id`;

const toDto = (r: NotificationRow): Notification => ({
  id: Number(r.id),
  kind: r.kind,
  ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
  messageId: r.message_id === null ? null : Number(r.message_id),
  actor: r.actor_user_id === null ? null : { id: Number(r.actor_user_id), name: r.actor_name ?? '' },
  excerpt: r.excerpt ?? '',
  contactName: r.contact_name,
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
  ...(r.conversation_id !== null && { conversationId: Number(r.conversation_id) }),
});

/** A user's own notifications; every query is scoped by company and user. */
export class NotificationsRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): NotificationsRepository {
    return new NotificationsRepository(q);
  }

  async addMentions(
    companyId: number,
    userIds: number[],
    ref: { ticketId: number; messageId: number; actorUserId: number },
  ): Promise<{ userId: number; notification: Notification }[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.q.query<{ id: number; user_id: number }>(
      `insert into notifications (company_id, user_id, kind, ticket_id, message_id, actor_user_id)
       select $1, u, 'mention', $3, $4, $5 from unnest($2::bigint[]) u
       returning id, user_id`,
      [companyId, userIds, ref.ticketId, ref.messageId, ref.actorUserId],
    );
    const byId = new Map(rows.map((r) => [Number(r.id), Number(r.user_id)]));
    const { rows: full } = await this.q.query<NotificationRow>(`${select} where n.id = any($1::bigint[]) order by n.id`, [
      [...byId.keys()],
    ]);
    return full.map((r) => ({ userId: byId.get(Number(r.id))!, notification: toDto(r) }));
  }

  /** A system notice (no ticket, no actor) for each of the users; the excerpt says what happened. */
  async addNotice(
    companyId: number,
    userIds: number[],
    kind: Exclude<Notification['kind'], 'mention'>,
    data: Record<string, unknown> & { excerpt: string },
  ): Promise<{ userId: number; notification: Notification }[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.q.query<NotificationRow & { user_id: number }>(
      `with added as (
         insert into notifications (company_id, user_id, kind, data) select $1, u, $3, $4 from unnest($2::bigint[]) u returning *)
       ${select.replace('select n.id,', 'select n.user_id, n.id,').replace('from notifications n', 'from added n')}`,
      [companyId, userIds, kind, data],
    );
    return rows.map((r) => ({ userId: Number(r.user_id), notification: toDto(r) }));
  }

  async list(companyId: number, userId: number, before: number | undefined, limit: number): Promise<Notification[]> {
    const { rows } = await this.q.query<NotificationRow>(
      `${select} where n.company_id = $1 and n.user_id = $2 ${before ? 'and n.id < $4' : ''} order by n.id desc limit $3`,
      before ? [companyId, userId, limit, before] : [companyId, userId, limit],
    );
    return rows.map(toDto);
  }

  async unreadCount(companyId: number, userId: number): Promise<number> {
    const { rows } = await this.q.query<{ n: number }>(
      `select count(*)::int as n from notifications where company_id = $1 and user_id = $2 and read_at is null`,
      [companyId, userId],
    );
    return rows[0]?.n ?? 0;
  }

  async markRead(companyId: number, userId: number, id: number): Promise<Notification | undefined> {
    const { rowCount } = await this.q.query(
      `update notifications set read_at = coalesce(read_at, now()) where company_id = $1 and user_id = $2 and id = $3`,
      [companyId, userId, id],
    );
    if (!rowCount) return undefined;
    const { rows } = await this.q.query<NotificationRow>(`${select} where n.id = $1`, [id]);
    return rows[0] && toDto(rows[0]);
  }

  async markAllRead(companyId: number, userId: number): Promise<number> {
    const { rowCount } = await this.q.query(
      `update notifications set read_at = now() where company_id = $1 and user_id = $2 and read_at is null`,
      [companyId, userId],
    );
    return rowCount ?? 0;
  }
}
