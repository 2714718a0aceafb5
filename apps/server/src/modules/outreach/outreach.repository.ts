import type { Queryable } from '../../infra/db/index.js';

/**
 * The SQL of reaching out: a contact found or created by its WhatsApp number, and its live ticket on
 * a connection found or opened. Both race-safe through the unique indexes (contacts by wa_id, one live
 * ticket per contact and connection), so two requests for the same number never make two of either.
 */
export async function findOrCreateContactIn(
  q: Queryable,
  companyId: number,
  digits: string,
  name: string,
): Promise<{ contactId: number; created: boolean }> {
  // `xmax = 0` is true only for a row this statement inserted (an upsert's update sets xmax).
  const { rows } = await q.query<{ id: number; inserted: boolean }>(
    `insert into contacts (company_id, name, phone, wa_id) values ($1, $2, $3, $4)
     on conflict (company_id, wa_id) where wa_id is not null do update set updated_at = now()
     returning id, (xmax = 0) as inserted`,
    [companyId, name, `+${digits}`, digits],
  );
  return { contactId: Number(rows[0]!.id), created: rows[0]!.inserted };
}

/** A phone-number connection of the company (web-chat has no numbers to write to), or undefined. */
export async function phoneConnectionIn(
  q: Queryable,
  companyId: number,
  connectionId: number,
): Promise<{ id: number; type: string; defaultQueueId: number | null } | undefined> {
  const { rows } = await q.query<{ id: number; type: string; default_queue_id: number | null }>(
    `select id, type, default_queue_id from connections
      where company_id = $1 and id = $2 and deleted_at is null and type in ('whatsapp_cloud', 'whatsapp_web')`,
    [companyId, connectionId],
  );
  const row = rows[0];
  return row && { id: Number(row.id), type: row.type, defaultQueueId: row.default_queue_id === null ? null : Number(row.default_queue_id) };
}

/**
 * The contact's live ticket on the connection, or a new one in the caller's transaction: the partial
 * unique index allows one live ticket per contact and connection, so a racing insert yields to it.
 * A new ticket is `open` for its agent, else `pending` (or `bot` when a flow is to take it).
 */
export async function findOrOpenTicketIn(
  q: Queryable,
  input: { companyId: number; contactId: number; connectionId: number; queueId: number | null; userId: number | null; bot?: boolean },
): Promise<{ ticketId: number; created: boolean }> {
  const status = input.bot ? 'bot' : input.userId === null ? 'pending' : 'open';
  const inserted = await q.query<{ id: number }>(
    `insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status) values ($1, $2, $3, $4, $5, $6)
     on conflict (connection_id, contact_id) where status <> 'closed' do nothing returning id`,
    [input.companyId, input.contactId, input.connectionId, input.queueId, input.userId, status],
  );
  if (inserted.rows[0]) return { ticketId: Number(inserted.rows[0].id), created: true };
  const live = await q.query<{ id: number }>(
    `select id from tickets where company_id = $1 and connection_id = $2 and contact_id = $3 and status <> 'closed'`,
    [input.companyId, input.connectionId, input.contactId],
  );
  return { ticketId: Number(live.rows[0]!.id), created: false };
}

export async function queueExistsIn(q: Queryable, companyId: number, queueId: number): Promise<boolean> {
  const { rows } = await q.query('select 1 from queues where company_id = $1 and id = $2', [companyId, queueId]);
  return rows.length > 0;
}

export async function activeUserIn(q: Queryable, companyId: number, userId: number): Promise<boolean> {
  const { rows } = await q.query('select 1 from users where company_id = $1 and id = $2 and active', [companyId, userId]);
  return rows.length > 0;
}
