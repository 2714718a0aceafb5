import type { Queryable } from '../../infra/db/index.js';

/**
 * The one exception to visibility.ts: a user mentioned in a note of a ticket may open that ticket
 * and read its conversation (to answer the colleague who asked), even when the visibility rules
 * would hide it. Read only: they cannot reply, accept, transfer or close it, and the ticket lists
 * stay as visibility.ts decides. The grant lives as long as the mention's notification, which goes
 * with its note (deleting the note takes the access back).
 */
export async function mentionGrantsRead(q: Queryable, companyId: number, userId: number, ticketId: number): Promise<boolean> {
  const { rows } = await q.query(
    `select 1 from notifications where company_id = $1 and user_id = $2 and ticket_id = $3 and kind = 'mention' limit 1`,
    [companyId, userId, ticketId],
  );
  return rows.length > 0;
}
