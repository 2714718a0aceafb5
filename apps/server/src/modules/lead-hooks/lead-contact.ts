import type { Queryable } from '../../infra/db/index.js';
import { whatsAppIdsOf } from '../contact-imports/index.js';
import type { Lead } from './lead-mapping.js';

// The contact-import palette: a tag a lead creates gets a colour like an imported one.
const PALETTE = ['#228be6', '#40c057', '#fab005', '#fa5252', '#7950f2', '#15aabf', '#fd7e14', '#e64980', '#12b886', '#868e96'];

/**
 * The lead's contact, found by its number in either WhatsApp form (with or without the Brazilian 9th
 * digit) or created. On a known contact the lead fills, never erases: a non-empty name replaces
 * only a placeholder (the number), a new e-mail and custom values replace the old ones.
 */
export async function upsertLeadContact(q: Queryable, companyId: number, lead: Lead): Promise<{ id: number; created: boolean }> {
  const waIds = whatsAppIdsOf(lead.e164);
  const { rows: known } = await q.query<{ id: string }>(
    `select id from contacts where company_id = $1 and (wa_id = any($2::text[]) or phone = any($3::text[]))
      order by (wa_id = $4) desc nulls last, id limit 1 for update`,
    [companyId, waIds, waIds.map((w) => `+${w}`), waIds[0]],
  );
  if (known[0]) {
    const id = Number(known[0].id);
    await q.query(
      `update contacts set name = case when $3 <> '' and (name = coalesce(phone, '') or name = '') then $3 else name end,
              email = coalesce($4, email), custom_fields = custom_fields || $5::jsonb, updated_at = now()
        where company_id = $1 and id = $2`,
      [companyId, id, lead.name, lead.email, JSON.stringify(lead.customFields)],
    );
    return { id, created: false };
  }
  // A message from the same number may create the contact meanwhile: the unique wa_id wins, we fill it.
  const { rows } = await q.query<{ id: string; inserted: boolean }>(
    `insert into contacts (company_id, name, phone, wa_id, email, custom_fields) values ($1, coalesce(nullif($2, ''), $3), $3, $4, $5, $6)
     on conflict (company_id, wa_id) where wa_id is not null do update
       set email = coalesce(excluded.email, contacts.email), custom_fields = contacts.custom_fields || excluded.custom_fields, updated_at = now()
     returning id, (xmax = 0) as inserted`,
    [companyId, lead.name, lead.e164, waIds[0], lead.email, JSON.stringify(lead.customFields)],
  );
  return { id: Number(rows[0]!.id), created: rows[0]!.inserted };
}

/** The tags' ids: named ones are created when missing (first spelling wins), fixed ids must still exist. */
export async function leadTagIds(q: Queryable, companyId: number, names: string[], fixedIds: number[]): Promise<number[]> {
  const ids = new Set<number>();
  if (fixedIds.length > 0) {
    const { rows } = await q.query<{ id: string }>('select id from tags where company_id = $1 and id = any($2::bigint[])', [
      companyId,
      fixedIds,
    ]);
    for (const row of rows) ids.add(Number(row.id));
  }
  if (names.length > 0) {
    const { rows: count } = await q.query<{ n: number }>('select count(*)::int as n from tags where company_id = $1', [companyId]);
    const offset = count[0]?.n ?? 0;
    await q.query(
      `insert into tags (company_id, name, color) select $1, v.name, v.color from unnest($2::text[], $3::text[]) as v(name, color)
       on conflict (company_id, lower(name)) do nothing`,
      [companyId, names, names.map((_, i) => PALETTE[(offset + i) % PALETTE.length]!)],
    );
    const { rows } = await q.query<{ id: string }>('select id from tags where company_id = $1 and lower(name) = any($2::text[])', [
      companyId,
      names.map((n) => n.toLowerCase()),
    ]);
    for (const row of rows) ids.add(Number(row.id));
  }
  return [...ids];
}

export async function tagContact(q: Queryable, companyId: number, contactId: number, tagIds: number[]): Promise<void> {
  if (tagIds.length === 0) return;
  await q.query(`insert into contact_tags (company_id, contact_id, tag_id) select $1, $2, unnest($3::bigint[]) on conflict do nothing`, [
    companyId,
    contactId,
    tagIds,
  ]);
}
