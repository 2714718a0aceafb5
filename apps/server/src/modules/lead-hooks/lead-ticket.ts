import type { Queryable } from '../../infra/db/index.js';
import { recordTicketEvent } from '../tickets/index.js';

/**
 * The lead's ticket, opened inside the lead's own transaction. Not OutreachService (modules/outreach):
 * that one commits its own transaction (the lead's contact fields, tags and flow would not commit
 * with it), opens no `bot` ticket for a flow, and matches contacts by the exact digits only (a
 * contact ingest stored without the Brazilian 9th digit would be duplicated). Same rules otherwise:
 * the contact's live ticket on the connection is reused; a new one opens in the queue (pending) or
 * for the flow (bot); the partial unique index allows one live ticket per contact and connection,
 * so a racing insert yields to the other.
 */
export async function openLeadTicket(
  q: Queryable,
  input: { companyId: number; connectionId: number; contactId: number; queueId: number | null; bot: boolean; hookId: number },
): Promise<{ id: number; created: boolean }> {
  const live = async () => {
    const { rows } = await q.query<{ id: string }>(
      `select id from tickets where company_id = $1 and connection_id = $2 and contact_id = $3 and status <> 'closed'`,
      [input.companyId, input.connectionId, input.contactId],
    );
    return rows[0] ? Number(rows[0].id) : null;
  };
  const existing = await live();
  if (existing !== null) return { id: existing, created: false };
  const { rows } = await q.query<{ id: string }>(
    `insert into tickets (company_id, contact_id, connection_id, queue_id, status) values ($1, $2, $3, $4, $5)
     on conflict (connection_id, contact_id) where status <> 'closed' do nothing returning id`,
    [input.companyId, input.contactId, input.connectionId, input.bot ? null : input.queueId, input.bot ? 'bot' : 'pending'],
  );
  if (!rows[0]) {
    const raced = await live();
    if (raced === null) throw new Error('live ticket vanished while opening a lead ticket');
    return { id: raced, created: false };
  }
  const id = Number(rows[0].id);
  await recordTicketEvent(q, {
    companyId: input.companyId,
    ticketId: id,
    kind: 'created',
    data: { source: 'lead-hook', hookId: input.hookId },
  });
  return { id, created: true };
}
