import type { Queryable } from '../../infra/db/index.js';
import { invalid } from '../../infra/errors.js';
import { listCustomFields, validateCustomFields } from './custom-fields.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sets one contact field inside the caller's transaction (the service flow's Contact field node):
 * the built-ins `name` and `email`, or a custom field by key, checked like the console's edits.
 * Throws VALIDATION_FAILED naming the field when the value does not fit or the field is unknown.
 */
export async function setContactFieldIn(q: Queryable, companyId: number, contactId: number, field: string, raw: string): Promise<void> {
  const value = raw.trim();
  // Ingest locks the contact before the ticket; a caller holding a ticket lock (the inbound runner)
  // that waited here for the contact could deadlock with it. Not waiting fails the caller's
  // transaction instead, which frees the ticket for ingest, and the caller's job runs it again.
  await q.query('select 1 from contacts where company_id = $1 and id = $2 for update nowait', [companyId, contactId]);
  if (field === 'name') {
    if (!value) throw invalid({ name: 'must not be empty' });
    await q.query('update contacts set name = $3, updated_at = now() where company_id = $1 and id = $2', [
      companyId,
      contactId,
      value.slice(0, 200),
    ]);
    return;
  }
  if (field === 'email') {
    if (value && !EMAIL.test(value)) throw invalid({ email: 'not an e-mail address' });
    await q.query('update contacts set email = $3, updated_at = now() where company_id = $1 and id = $2', [
      companyId,
      contactId,
      value || null,
    ]);
    return;
  }
  const clean = validateCustomFields(await listCustomFields(q, companyId), { [field]: value });
  // An empty value clears the field, as in the console.
  await q.query(
    `update contacts set custom_fields = case when $4::text is null then custom_fields - $3 else custom_fields || jsonb_build_object($3::text, $4::text) end,
            updated_at = now()
      where company_id = $1 and id = $2`,
    [companyId, contactId, field, clean[field] ?? null],
  );
}
