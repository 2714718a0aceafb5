import type { CustomField } from '@jimmy/contracts';
import { isUniqueViolation, type Queryable } from '../../infra/db/index.js';
import { conflict, invalid, notFound } from '../../infra/errors.js';

interface Row {
  id: number;
  key: string;
  label: string;
  type: CustomField['type'];
  options: string[];
  position: number;
}
const toDto = (row: Row): CustomField => ({
  id: row.id,
  key: row.key,
  label: row.label,
  type: row.type,
  options: row.options,
  position: row.position,
});
const columns = 'id, key, label, type, options, position';

export type CustomFieldInput = Omit<CustomField, 'id' | 'position'> & { position?: number | undefined };

export async function listCustomFields(q: Queryable, companyId: number): Promise<CustomField[]> {
  const { rows } = await q.query<Row>(`select ${columns} from custom_field_definitions where company_id = $1 order by position, id`, [
    companyId,
  ]);
  return rows.map(toDto);
}

const duplicateKey = (key: string) =>
  conflict('CUSTOM_FIELD_KEY_TAKEN', `A custom field with key "${key}" already exists`, { key: 'already used' });

export async function createCustomField(q: Queryable, companyId: number, input: CustomFieldInput): Promise<CustomField> {
  try {
    const { rows } = await q.query<Row>(
      `insert into custom_field_definitions (company_id, key, label, type, options, position)
       values ($1, $2, $3, $4, $5, coalesce($6, (select coalesce(max(position) + 1, 0) from custom_field_definitions where company_id = $1)))
       returning ${columns}`,
      [companyId, input.key, input.label, input.type, JSON.stringify(input.type === 'choice' ? input.options : []), input.position ?? null],
    );
    return toDto(rows[0]!);
  } catch (error) {
    if (isUniqueViolation(error, 'custom_field_definitions_company_key_unique')) throw duplicateKey(input.key);
    throw error;
  }
}

/**
 * Renaming a key moves the stored values with it, in the same statement, so no contact loses a value
 * to a definition that no longer names it.
 */
export async function updateCustomField(q: Queryable, companyId: number, id: number, input: CustomFieldInput): Promise<CustomField> {
  try {
    const { rows } = await q.query<Row & { old_key: string }>(
      `with old as (select key from custom_field_definitions where company_id = $1 and id = $2),
            moved as (update contacts c set custom_fields = (c.custom_fields - old.key) || jsonb_build_object($3::text, c.custom_fields -> old.key)
                        from old where c.company_id = $1 and old.key <> $3 and c.custom_fields ? old.key)
       update custom_field_definitions set key = $3, label = $4, type = $5, options = $6, position = coalesce($7, position), updated_at = now()
        where company_id = $1 and id = $2 returning ${columns}`,
      [
        companyId,
        id,
        input.key,
        input.label,
        input.type,
        JSON.stringify(input.type === 'choice' ? input.options : []),
        input.position ?? null,
      ],
    );
    if (!rows[0]) throw notFound('Custom field');
    return toDto(rows[0]);
  } catch (error) {
    if (isUniqueViolation(error, 'custom_field_definitions_company_key_unique')) throw duplicateKey(input.key);
    throw error;
  }
}

/** The definition goes; values stay in contacts.custom_fields until the next edit drops them (a re-created key finds them again). */
export async function deleteCustomField(q: Queryable, companyId: number, id: number): Promise<void> {
  const { rowCount } = await q.query('delete from custom_field_definitions where company_id = $1 and id = $2', [companyId, id]);
  if (!rowCount) throw notFound('Custom field');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2024-02-30 over to March: a real date survives the round trip unchanged.
  return date.toISOString().slice(0, 10) === value;
}

/** Why a value does not fit its field, or null when it does. */
function customFieldError(field: Pick<CustomField, 'type' | 'options'>, value: string): string | null {
  switch (field.type) {
    case 'text':
      return null;
    case 'number':
      return /^-?\d+([.,]\d+)?$/.test(value.trim()) ? null : 'must be a number';
    case 'date':
      return isIsoDate(value) ? null : 'must be a date as yyyy-mm-dd';
    case 'choice':
      return field.options.includes(value) ? null : `must be one of: ${field.options.join(', ')}`;
  }
}

/**
 * Checks a contact's custom values against the company's definitions and returns what to store:
 * an empty value clears the field; a number is stored with a dot as decimal separator.
 */
export function validateCustomFields(definitions: CustomField[], values: Record<string, string>): Record<string, string> {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const errors: Record<string, string> = {};
  const clean: Record<string, string> = {};
  for (const [key, raw] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field) {
      errors[`customFields.${key}`] = 'no such custom field';
      continue;
    }
    const value = raw.trim();
    if (value === '') continue;
    const error = customFieldError(field, value);
    if (error) errors[`customFields.${key}`] = error;
    else clean[key] = field.type === 'number' ? value.replace(',', '.') : value;
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return clean;
}
