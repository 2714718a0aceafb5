import type { TagRef } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { notFound } from '../../infra/errors.js';
import { recordAudit } from '../audit/index.js';

/**
 * Contact tags read and write the tags table directly: the tags module owns creating tags, this
 * module only links existing ones to contacts.
 */
export async function tagsOfContacts(q: Queryable, companyId: number, contactIds: number[]): Promise<Map<number, TagRef[]>> {
  const byContact = new Map<number, TagRef[]>();
  if (contactIds.length === 0) return byContact;
  const { rows } = await q.query<{ contact_id: number; id: number; name: string; color: string }>(
    `select ct.contact_id, t.id, t.name, t.color from contact_tags ct join tags t on t.id = ct.tag_id
      where ct.company_id = $1 and ct.contact_id = any($2::bigint[]) order by lower(t.name), t.id`,
    [companyId, contactIds],
  );
  for (const row of rows) {
    const list = byContact.get(row.contact_id) ?? [];
    list.push({ id: row.id, name: row.name, color: row.color });
    byContact.set(row.contact_id, list);
  }
  return byContact;
}

async function tagOf(q: Queryable, companyId: number, tagId: number): Promise<TagRef> {
  const { rows } = await q.query<TagRef>('select id, name, color from tags where company_id = $1 and id = $2', [companyId, tagId]);
  if (!rows[0]) throw notFound('Tag');
  return rows[0];
}

/**
 * Adding is idempotent. Each real change is an audit row: the contact timeline shows tag changes
 * from there (contact_tags only knows the tags a contact has now, not the ones taken off).
 */
export async function addContactTag(q: Queryable, companyId: number, actorUserId: number, contactId: number, tagId: number): Promise<void> {
  const tag = await tagOf(q, companyId, tagId);
  const { rowCount } = await q.query(
    `insert into contact_tags (company_id, contact_id, tag_id) values ($1, $2, $3) on conflict (contact_id, tag_id) do nothing`,
    [companyId, contactId, tagId],
  );
  if (rowCount)
    await recordAudit(q, {
      companyId,
      actorUserId,
      action: 'contact.tag-added',
      targetType: 'contact',
      targetId: contactId,
      data: { tag },
    });
}

export async function removeContactTag(
  q: Queryable,
  companyId: number,
  actorUserId: number,
  contactId: number,
  tagId: number,
): Promise<void> {
  const tag = await tagOf(q, companyId, tagId);
  const { rowCount } = await q.query('delete from contact_tags where company_id = $1 and contact_id = $2 and tag_id = $3', [
    companyId,
    contactId,
    tagId,
  ]);
  if (rowCount)
    await recordAudit(q, {
      companyId,
      actorUserId,
      action: 'contact.tag-removed',
      targetType: 'contact',
      targetId: contactId,
      data: { tag },
    });
}
