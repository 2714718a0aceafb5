import type { WebhookEvent } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

/**
 * Records a moment no other row keeps (a contact edited, a message status), in the caller's
 * transaction, for the relay to deliver. One statement, and it writes nothing unless the company has
 * an active subscription for this event: companies without webhooks pay one index probe.
 */
export async function recordWebhookEvent(
  q: Queryable,
  event: { companyId: number; event: WebhookEvent; ticketId?: number | null; contactId?: number | null; data: Record<string, unknown> },
): Promise<void> {
  await q.query(
    `insert into webhook_outbox (company_id, event, ticket_id, contact_id, data)
     select $1, $2, $3, $4, $5
      where exists (select 1 from webhook_subscriptions where company_id = $1 and active and $2 = any(events))`,
    [event.companyId, event.event, event.ticketId ?? null, event.contactId ?? null, event.data],
  );
}

/**
 * The same as a SQL fragment for a statement that already has the row in a CTE named by `from`
 * (columns company_id, ticket_id, data): the message-status update records its event in one round trip.
 */
export const outboxInsertSql = (from: string, event: WebhookEvent) => `
  insert into webhook_outbox (company_id, event, ticket_id, data)
  select f.company_id, '${event}', f.ticket_id, f.data from ${from} f
   where exists (select 1 from webhook_subscriptions s where s.company_id = f.company_id and s.active and '${event}' = any(s.events))`;
