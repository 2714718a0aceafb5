import type { Queryable } from '../../infra/db/index.js';

/**
 * Ends the ticket's running service-flow session (and a relayed Typebot conversation), in the caller's transaction: a person took the
 * conversation (accept, transfer) or closed it, so the bot must not answer the customer again.
 * The runner locks the ticket row before it steps a session, and every caller here has just
 * updated that row, so a step and a takeover never interleave.
 */
export async function endFlowSessionIn(
  q: Queryable,
  companyId: number,
  ticketId: number,
  reason: 'takeover' | 'ticket-closed',
): Promise<void> {
  await q.query(
    `update flow_sessions set ended_at = now(), end_reason = $3, updated_at = now(),
            state = jsonb_set(jsonb_set(state, '{status}', '"ended"'), '{endReason}', to_jsonb($3::text))
      where company_id = $1 and ticket_id = $2 and ended_at is null`,
    [companyId, ticketId, reason],
  );
  // A Typebot call still in flight finds its session ended and sends nothing (modules/integrations).
  await q.query(
    `update typebot_sessions set ended_at = now(), end_reason = $3, in_flight = null, queued = '[]', updated_at = now()
      where company_id = $1 and ticket_id = $2 and ended_at is null`,
    [companyId, ticketId, reason],
  );
}
