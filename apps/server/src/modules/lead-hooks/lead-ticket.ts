import type { Queryable } from '../../infra/db/index.js';
import { findOrOpenTicketIn } from '../outreach/index.js';
import { recordTicketEvent } from '../tickets/index.js';

/**
 * The lead's ticket, opened inside the lead's own transaction. Not OutreachService (modules/outreach):
 * that one commits its own transaction (the lead's contact fields, tags and flow would not commit
 * with it), opens no `bot` ticket for a flow, and matches contacts by the exact digits only (a
 * contact ingest stored without the Brazilian 9th digit would be duplicated). The ticket itself
 * is found or opened by outreach's `findOrOpenTicketIn`, inside this transaction: in the queue
 * (pending) or for the flow (bot).
 */
export async function openLeadTicket(
  q: Queryable,
  input: { companyId: number; connectionId: number; contactId: number; queueId: number | null; bot: boolean; hookId: number },
): Promise<{ id: number; created: boolean }> {
  const opened = await findOrOpenTicketIn(q, { ...input, queueId: input.bot ? null : input.queueId, userId: null });
  if (!opened.created) return { id: opened.ticketId, created: false };
  const id = opened.ticketId;
  await recordTicketEvent(q, {
    companyId: input.companyId,
    ticketId: id,
    kind: 'created',
    data: { source: 'lead-hook', hookId: input.hookId },
  });
  return { id, created: true };
}
