import type { MappingTarget, RejectReason } from './csv-format.js';
import { unguardCell } from './csv-format.js';
import { normalizePhone } from './phone.js';

export interface CustomFieldDefinition {
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'choice';
  options: string[];
}

/** The mapping resolved against the file's header: column indexes per target. */
export interface ImportPlan {
  phone: number;
  name: number | null;
  email: number | null;
  tags: number | null;
  customFields: { index: number; definition: CustomFieldDefinition }[];
  headers: string[];
}

export interface ContactCandidate {
  e164: string;
  /** Empty: keep what the contact has (or use the number for a new one). */
  name: string;
  email: string | null;
  tags: string[];
  customFields: Record<string, string>;
}

export type RowResult = { ok: true; contact: ContactCandidate } | { ok: false; reason: RejectReason };

export function planOf(headers: string[], mapping: Record<string, MappingTarget>, definitions: CustomFieldDefinition[]): ImportPlan {
  const indexOf = (target: MappingTarget) => {
    const header = Object.keys(mapping).find((h) => mapping[h] === target);
    return header === undefined ? null : headers.indexOf(header);
  };
  const customFields: ImportPlan['customFields'] = [];
  for (const [header, target] of Object.entries(mapping)) {
    if (!target.startsWith('customField:')) continue;
    const definition = definitions.find((d) => d.key === target.slice('customField:'.length));
    if (definition) customFields.push({ index: headers.indexOf(header), definition });
  }
  return { phone: indexOf('phone') ?? -1, name: indexOf('name'), email: indexOf('email'), tags: indexOf('tags'), customFields, headers };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_CELL = 1000;

function cellAt(row: readonly string[], index: number | null): string {
  return index === null || index < 0 ? '' : unguardCell(row[index] ?? '').trim();
}

/** One CSV record → the contact it describes, or why it cannot be imported. Pure: re-run on resume. */
export function candidateOf(row: readonly string[], plan: ImportPlan): RowResult {
  for (let i = 0; i < row.length; i++) {
    if ((row[i] ?? '').length > MAX_CELL) return { ok: false, reason: { code: 'too_long', column: plan.headers[i] ?? String(i + 1) } };
  }
  const rawPhone = cellAt(row, plan.phone);
  const phone = normalizePhone(rawPhone);
  if (!phone.ok)
    return { ok: false, reason: phone.reason === 'phone_missing' ? { code: 'phone_missing' } : { code: 'phone_invalid', value: rawPhone } };
  const email = cellAt(row, plan.email);
  if (email && !EMAIL.test(email)) return { ok: false, reason: { code: 'email_invalid', value: email } };
  const customFields: Record<string, string> = {};
  for (const { index, definition } of plan.customFields) {
    const value = cellAt(row, index);
    if (!value) continue;
    const checked = customFieldValue(definition, value);
    if (!checked.ok) return { ok: false, reason: checked.reason };
    customFields[definition.key] = checked.value;
  }
  const tags = [
    ...new Map(
      cellAt(row, plan.tags)
        .split(/[,|]/)
        .map((tag) => tag.trim().slice(0, 50))
        .filter(Boolean)
        .map((tag) => [tag.toLowerCase(), tag] as const),
    ).values(),
  ];
  return { ok: true, contact: { e164: phone.e164, name: cellAt(row, plan.name).slice(0, 200), email: email || null, tags, customFields } };
}

/**
 * A custom field's value as stored (contacts.custom_fields holds strings): numbers with a '.' decimal
 * mark (pt-BR "1.234,5" accepted), dates as YYYY-MM-DD (DD/MM/YYYY accepted), choices as the option.
 */
function customFieldValue(
  definition: CustomFieldDefinition,
  raw: string,
): { ok: true; value: string } | { ok: false; reason: RejectReason } {
  const bad: { ok: false; reason: RejectReason } = {
    ok: false,
    reason: { code: 'field_invalid', field: definition.label, expected: definition.type },
  };
  switch (definition.type) {
    case 'text':
      return { ok: true, value: raw };
    case 'number': {
      const normalized = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw) ? raw.replaceAll('.', '').replace(',', '.') : raw.replace(',', '.');
      return /^-?\d+(\.\d+)?$/.test(normalized) && Number.isFinite(Number(normalized)) ? { ok: true, value: normalized } : bad;
    }
    case 'date': {
      const br = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
      const iso = br ? `${br[3]}-${br[2]!.padStart(2, '0')}-${br[1]!.padStart(2, '0')}` : raw;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return bad;
      const date = new Date(`${iso}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? { ok: true, value: iso } : bad;
    }
    case 'choice': {
      const option = definition.options.find((o) => o.toLowerCase() === raw.toLowerCase());
      return option
        ? { ok: true, value: option }
        : { ok: false, reason: { code: 'choice_invalid', field: definition.label, options: definition.options } };
    }
  }
}
