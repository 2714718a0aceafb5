import type { Queryable } from '../../infra/db/index.js';
import { invalid } from '../../infra/errors.js';

/**
 * The other contact's live tickets on a connection where this contact also has a live ticket. Both
 * cannot stay live (one live ticket per contact and connection), so merging closes the other's:
 * refusing would send the user off to close a conversation by hand and come back, and closing
 * loses nothing (its messages stay on it, under the merged contact) while the customer's next
 * message lands in the ticket that stays live.
 */
export async function conflictingLiveTickets(q: Queryable, companyId: number, keepId: number, otherId: number): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `select o.id from tickets o
      where o.company_id = $1 and o.contact_id = $3 and o.status <> 'closed'
        and exists (select 1 from tickets k where k.company_id = $1 and k.contact_id = $2 and k.connection_id = o.connection_id and k.status <> 'closed')
      order by o.id`,
    [companyId, keepId, otherId],
  );
  return rows.map((r) => r.id);
}

export function assertDifferent(keepId: number, otherId: number): void {
  if (keepId === otherId) throw invalid({ otherContactId: 'must be another contact' });
}

export async function mergePreview(q: Queryable, companyId: number, keepId: number, otherId: number) {
  const { rows } = await q.query<{ tickets: number; messages: number; notes: number; tags: number }>(
    `select (select count(*)::int from tickets where company_id = $1 and contact_id = $2) as tickets,
            (select count(*)::int from messages where company_id = $1 and contact_id = $2 and type <> 'note') as messages,
            (select count(*)::int from messages where company_id = $1 and contact_id = $2 and type = 'note') as notes,
            (select count(*)::int from contact_tags where company_id = $1 and contact_id = $2) as tags`,
    [companyId, otherId],
  );
  return { ...rows[0]!, closingTicketIds: await conflictingLiveTickets(q, companyId, keepId, otherId) };
}

/** Moves every row of `otherId` to `keepId` and deletes `otherId`; both rows are locked by the caller. */
export async function moveContactRows(
  q: Queryable,
  companyId: number,
  keepId: number,
  otherId: number,
): Promise<{ movedTicketIds: number[] }> {
  // A survey awaiting the other contact's answer on a connection where this one has one too: the
  // unique "one awaiting survey per contact and connection" would break, and only one can be answered.
  await q.query(
    `update surveys o set status = 'expired'
      where o.company_id = $1 and o.contact_id = $3 and o.status in ('awaiting_score', 'awaiting_comment')
        and exists (select 1 from surveys k where k.contact_id = $2 and k.connection_id = o.connection_id and k.status in ('awaiting_score', 'awaiting_comment'))`,
    [companyId, keepId, otherId],
  );
  const moved = await q.query<{ id: number }>(
    'update tickets set contact_id = $2, updated_at = now() where company_id = $1 and contact_id = $3 returning id',
    [companyId, keepId, otherId],
  );
  for (const table of ['messages', 'scheduled_messages', 'surveys', 'callback_requests', 'webchat_visitors', 'contact_channels']) {
    await q.query(`update ${table} set contact_id = $2 where company_id = $1 and contact_id = $3`, [companyId, keepId, otherId]);
  }
  await q.query(
    `insert into contact_tags (company_id, contact_id, tag_id, created_at)
     select company_id, $2, tag_id, created_at from contact_tags where company_id = $1 and contact_id = $3
     on conflict (contact_id, tag_id) do nothing`,
    [companyId, keepId, otherId],
  );
  // The other's identifiers are freed first: wa_id and bsuid are unique per company.
  const { rows } = await q.query<{
    phone: string | null;
    email: string | null;
    wa_id: string | null;
    bsuid: string | null;
    avatar_url: string | null;
    custom_fields: Record<string, string>;
  }>(
    `update contacts n set wa_id = null, bsuid = null from contacts o
      where n.id = o.id and n.id = $1 returning o.phone, o.email, o.wa_id, o.bsuid, o.avatar_url, o.custom_fields`,
    [otherId],
  );
  const other = rows[0]!;
  // This contact wins every conflict; the other fills only what this one lacks.
  await q.query(
    `update contacts set phone = coalesce(phone, $2), email = coalesce(email, $3), wa_id = coalesce(wa_id, $4), bsuid = coalesce(bsuid, $5),
            avatar_url = coalesce(avatar_url, $6), custom_fields = $7::jsonb || custom_fields, updated_at = now()
      where id = $1`,
    [keepId, other.phone, other.email, other.wa_id, other.bsuid, other.avatar_url, JSON.stringify(other.custom_fields)],
  );
  await q.query('delete from contacts where company_id = $1 and id = $2', [companyId, otherId]);
  return { movedTicketIds: moved.rows.map((r) => r.id) };
}
