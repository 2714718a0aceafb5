import type pg from 'pg';

export interface VisitorMessage {
  id: number;
  direction: 'in' | 'out';
  type: string;
  body: string;
  fileName: string | null;
  at: Date;
  clientRef: string | null;
  /** Who wrote one of our lines, shown to the visitor; null for bot and system lines. */
  agentName: string | null;
  hasMedia: boolean;
  /** The menu of an interactive line (@jimmy/routing MenuMessage), drawn as buttons. */
  menu: { kind: string; buttons?: Array<{ id: string; title: string }>; rows?: Array<{ id: string; title: string }> } | null;
}

/** The buttons the widget draws under a menu line. */
export function optionsOf(menu: VisitorMessage['menu']): Array<{ id: string; title: string }> {
  const items = menu?.kind === 'buttons' ? menu.buttons : menu?.kind === 'list' ? menu.rows : undefined;
  return (items ?? []).map(({ id, title }) => ({ id, title }));
}

/** Visitors of web-chat connections and what their widget shows; every query is scoped to the connection. */
export class WebchatRepository {
  constructor(private readonly pool: pg.Pool) {}

  async findVisitor(connectionId: number, visitorId: string): Promise<{ contactId: number; tokenHash: string } | undefined> {
    const { rows } = await this.pool.query<{ contact_id: number; token_hash: string }>(
      'select contact_id, token_hash from webchat_visitors where id = $1 and connection_id = $2 and active',
      [visitorId, connectionId],
    );
    const row = rows[0];
    return row && { contactId: Number(row.contact_id), tokenHash: row.token_hash };
  }

  /** A visitor is a contact of their own; the token's hash identifies them when they come back. */
  async createVisitor(
    connection: { id: number; companyId: number },
    visitor: { id: string; name: string; phone: string | null; tokenHash: string },
  ): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>(
      'insert into contacts (company_id, name, phone) values ($1, $2, $3) returning id',
      [connection.companyId, visitor.name, visitor.phone],
    );
    const contactId = rows[0]!.id;
    await this.pool.query(
      'insert into webchat_visitors (id, company_id, connection_id, contact_id, token_hash) values ($1, $2, $3, $4, $5)',
      [visitor.id, connection.companyId, connection.id, contactId, visitor.tokenHash],
    );
    return contactId;
  }

  /** The visitor's conversation on this connection, oldest first, without system lines and reactions. */
  async history(connection: { id: number; companyId: number }, contactId: number, limit = 100): Promise<VisitorMessage[]> {
    const { rows } = await this.pool.query<VisitorMessage>(
      `select m.id, m.direction, m.type, m.body, m.media_name as "fileName", m.created_at as at, m.client_ref as "clientRef",
              u.name as "agentName", m.media_path is not null as "hasMedia",
              case when m.type = 'interactive' and m.direction = 'out' then m.payload->'menu' end as menu
         from messages m join tickets t on t.id = m.ticket_id
         left join users u on u.id = m.user_id and u.company_id = m.company_id and m.author = 'agent'
        where t.company_id = $1 and t.contact_id = $2 and t.connection_id = $3 and m.type not in ('system', 'reaction', 'note')
        order by m.id desc limit $4`,
      [connection.companyId, contactId, connection.id, limit],
    );
    return rows.reverse();
  }

  /** A file of a web-chat conversation (and only of one: other channels' files need a session). */
  async mediaOf(messageId: number): Promise<{ path: string; mime: string | null; name: string | null } | undefined> {
    const { rows } = await this.pool.query<{ media_path: string; media_mime: string | null; media_name: string | null }>(
      `select m.media_path, m.media_mime, m.media_name
         from messages m join connections c on c.id = m.connection_id and c.company_id = m.company_id
        where m.id = $1 and c.type = 'webchat' and m.media_path is not null`,
      [messageId],
    );
    const row = rows[0];
    return row && { path: row.media_path, mime: row.media_mime, name: row.media_name };
  }

  /** Whether the visitor's latest conversation on this connection was closed (the widget says so). */
  async latestConversationClosed(connection: { id: number; companyId: number }, contactId: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ status: string }>(
      'select status from tickets where company_id = $1 and contact_id = $2 and connection_id = $3 order by id desc limit 1',
      [connection.companyId, contactId, connection.id],
    );
    return rows[0]?.status === 'closed';
  }

  /** The name of the agent who wrote one of our messages, or null (bot, system, a removed user). */
  async agentNameOf(companyId: number, messageId: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ name: string }>(
      `select u.name from messages m join users u on u.id = m.user_id and u.company_id = m.company_id
        where m.company_id = $1 and m.id = $2 and m.author = 'agent'`,
      [companyId, messageId],
    );
    return rows[0]?.name ?? null;
  }

  /** Moves our messages to the visitor from `from` to `to`; the ones that changed. */
  async markOutbound(
    connection: { id: number; companyId: number },
    contactId: number,
    from: string[],
    to: 'delivered' | 'read',
  ): Promise<Array<{ id: number; companyId: number }>> {
    const { rows } = await this.pool.query<{ id: number; company_id: number }>(
      `update messages m set status = $4, status_at = now()
         from tickets t
        where t.id = m.ticket_id and t.company_id = $1 and t.contact_id = $2 and t.connection_id = $3
          and m.direction = 'out' and m.type not in ('system', 'note') and m.external_id is not null and m.status = any($5)
       returning m.id, m.company_id`,
      [connection.companyId, contactId, connection.id, to, from],
    );
    return rows.map((r) => ({ id: Number(r.id), companyId: Number(r.company_id) }));
  }
}
