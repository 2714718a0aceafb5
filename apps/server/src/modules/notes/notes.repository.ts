import type { Queryable } from '../../infra/db/index.js';

export interface NoteRow {
  id: number;
  ticket_id: number;
  user_id: number | null;
  body: string;
  payload: { mentions?: number[] } | null;
}

/** Notes are rows of `messages` (type 'note'): the timeline reads them with everything else. */
export class NotesRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): NotesRepository {
    return new NotesRepository(q);
  }

  /**
   * A note: no client_ref and status 'sent', so no send job, retry or "pending sends" sweep can ever
   * pick it up (those start from pending rows with a client_ref).
   */
  /** `extra`: marks kept in the note's payload beside its mentions (e.g. `{ ai: 'summary' }`). */
  async insert(
    companyId: number,
    ticketId: number,
    userId: number,
    body: string,
    mentions: number[],
    extra: Record<string, unknown> = {},
  ): Promise<number | undefined> {
    const { rows } = await this.q.query<{ id: number }>(
      `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, payload, status, status_at)
       select t.company_id, t.id, t.connection_id, t.contact_id, 'out', 'agent', $3, 'note', $4, $5, 'sent', now()
         from tickets t where t.company_id = $1 and t.id = $2
       returning id`,
      [companyId, ticketId, userId, body, { ...extra, mentions }],
    );
    return rows[0] ? Number(rows[0].id) : undefined;
  }

  async find(companyId: number, ticketId: number, noteId: number): Promise<NoteRow | undefined> {
    const { rows } = await this.q.query<NoteRow>(
      `select id, ticket_id, user_id, body, payload from messages
        where company_id = $1 and ticket_id = $2 and id = $3 and type = 'note'`,
      [companyId, ticketId, noteId],
    );
    return rows[0];
  }

  async update(companyId: number, noteId: number, body: string, mentions: number[]): Promise<void> {
    await this.q.query(
      `update messages set body = $3, payload = coalesce(payload, '{}'::jsonb) || jsonb_build_object('mentions', $4::jsonb), edited_at = now()
        where company_id = $1 and id = $2 and type = 'note'`,
      [companyId, noteId, body, JSON.stringify(mentions)],
    );
  }

  async delete(companyId: number, noteId: number): Promise<void> {
    await this.q.query(`delete from messages where company_id = $1 and id = $2 and type = 'note'`, [companyId, noteId]);
  }

  async activeUsers(companyId: number): Promise<{ id: number; name: string; role: string }[]> {
    const { rows } = await this.q.query<{ id: number; name: string; role: string }>(
      `select id, name, role from users where company_id = $1 and active order by lower(name), id`,
      [companyId],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** The notes of some tickets, newest first: the contact's service history. */
  async ofTickets(companyId: number, ticketIds: number[], limit = 200) {
    if (ticketIds.length === 0) return [];
    const { rows } = await this.q.query<{ id: number; ticket_id: number; body: string; user_name: string | null; created_at: Date }>(
      `select m.id, m.ticket_id, m.body, u.name as user_name, m.created_at
         from messages m left join users u on u.id = m.user_id
        where m.company_id = $1 and m.ticket_id = any($2::bigint[]) and m.type = 'note'
        order by m.id desc limit $3`,
      [companyId, ticketIds, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      ticketId: Number(r.ticket_id),
      body: r.body,
      userName: r.user_name,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async audit(companyId: number, actorUserId: number, action: string, targetType: string, targetId: number, data: object): Promise<void> {
    await this.q.query(
      `insert into audit_log (company_id, actor_user_id, action, target_type, target_id, data) values ($1, $2, $3, $4, $5, $6)`,
      [companyId, actorUserId, action, targetType, targetId, data],
    );
  }
}
