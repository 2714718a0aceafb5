import type { PoolClient } from 'pg';

export async function isBlockedContact(client: PoolClient, contactId: number): Promise<boolean> {
  const { rows } = await client.query('select 1 from contacts where id = $1 and blocked_at is not null', [contactId]);
  return rows.length > 0;
}

/**
 * Where a blocked contact's message is kept. messages.ticket_id is NOT NULL, and the message must
 * never be lost (unblocking shows what was said meanwhile), yet nothing may reach the agents: it
 * goes on the contact's most recent ticket on this connection, left as it is (blocking closed the
 * live ones), or on a ticket created already closed when the contact has none. No unread count, no
 * preview, no event and no pipeline job: no list moves, no bot wakes. That ticket records no
 * 'created' event on purpose, so reports do not count a conversation nobody was meant to answer.
 */
export async function ticketForBlocked(
  client: PoolClient,
  connection: { id: number; companyId: number },
  contactId: number,
): Promise<number> {
  const latest = await client.query<{ id: number }>(
    `select id from tickets where connection_id = $1 and contact_id = $2 order by (status <> 'closed') desc, created_at desc, id desc limit 1`,
    [connection.id, contactId],
  );
  if (latest.rows[0]) return latest.rows[0].id;
  const created = await client.query<{ id: number }>(
    `insert into tickets (company_id, contact_id, connection_id, status, closed_at) values ($1, $2, $3, 'closed', now()) returning id`,
    [connection.companyId, contactId, connection.id],
  );
  return created.rows[0]!.id;
}
