/**
 * The CSV dialect of imports and exports. Exports are UTF-8 with a BOM, ';' between cells and CRLF
 * line ends: what Excel in pt-BR opens with accents intact and one value per column (its list
 * separator is ';' because ',' is the decimal mark). Imports accept ',' or ';', with or without a BOM.
 */
export type Delimiter = ',' | ';';

const BOM = '\uFEFF';
export const EXPORT_BOM = BOM;
const EXPORT_DELIMITER: Delimiter = ';';

/** ',' or ';', whichever appears more often outside quotes in the first line (the header). */
export function detectDelimiter(firstChunk: string): Delimiter {
  const text = firstChunk.startsWith(BOM) ? firstChunk.slice(1) : firstChunk;
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab / carriage return) as a formula:
 * such cells are written with a leading apostrophe. A value that itself starts with an apostrophe gets
 * one more, so `unguardCell` can always remove exactly the one the export added.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `guardCell` on import; an apostrophe before anything else was the user's own and stays. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function csvLine(cells: readonly string[], delimiter: Delimiter = EXPORT_DELIMITER): string {
  return `${cells
    .map((raw) => {
      const cell = guardCell(raw);
      return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell;
    })
    .join(delimiter)}\r\n`;
}

/** Lower case, no accents, no punctuation: "Etiquetas", "E-mail" and "TELEFONE " all compare alike. */
function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const KNOWN: Record<string, 'name' | 'phone' | 'email' | 'tags'> = {
  nome: 'name',
  name: 'name',
  nomecompleto: 'name',
  fullname: 'name',
  cliente: 'name',
  contato: 'name',
  contact: 'name',
  telefone: 'phone',
  phone: 'phone',
  whatsapp: 'phone',
  celular: 'phone',
  mobile: 'phone',
  fone: 'phone',
  numero: 'phone',
  phonenumber: 'phone',
  email: 'email',
  mail: 'email',
  tags: 'tags',
  tag: 'tags',
  etiquetas: 'tags',
  etiqueta: 'tags',
  labels: 'tags',
};

export type MappingTarget = 'name' | 'phone' | 'email' | 'tags' | 'ignore' | `customField:${string}`;

/** A target per header from its name (pt-BR or English) or a custom field's key or label; each target once. */
export function suggestMapping(
  headers: readonly string[],
  customFields: readonly { key: string; label: string }[],
): Record<string, MappingTarget> {
  const taken = new Set<string>();
  const mapping: Record<string, MappingTarget> = {};
  for (const header of headers) {
    const key = headerKey(header);
    const field = customFields.find((f) => headerKey(f.key) === key || headerKey(f.label) === key);
    const target: MappingTarget = KNOWN[key] ?? (field ? `customField:${field.key}` : 'ignore');
    if (target !== 'ignore' && taken.has(target)) {
      mapping[header] = 'ignore';
      continue;
    }
    taken.add(target);
    mapping[header] = target;
  }
  return mapping;
}

/** Why a row was not imported, in the report's language. */
export type RejectReason =
  | { code: 'phone_missing' }
  | { code: 'phone_invalid'; value: string }
  | { code: 'email_invalid'; value: string }
  | { code: 'duplicate'; line: number }
  | { code: 'field_invalid'; field: string; expected: string }
  | { code: 'choice_invalid'; field: string; options: string[] }
  | { code: 'too_long'; column: string };

export type ReportLocale = 'pt-BR' | 'en';

const TYPE_NAMES: Record<ReportLocale, Record<string, string>> = {
  'pt-BR': { number: 'um número', date: 'uma data (AAAA-MM-DD ou DD/MM/AAAA)', text: 'um texto' },
  en: { number: 'a number', date: 'a date (YYYY-MM-DD or DD/MM/YYYY)', text: 'a text' },
};

export function reasonText(reason: RejectReason, locale: ReportLocale): string {
  const pt = locale === 'pt-BR';
  switch (reason.code) {
    case 'phone_missing':
      return pt ? 'Telefone vazio' : 'Phone number missing';
    case 'phone_invalid':
      return pt ? `Telefone inválido: ${reason.value}` : `Invalid phone number: ${reason.value}`;
    case 'email_invalid':
      return pt ? `E-mail inválido: ${reason.value}` : `Invalid e-mail: ${reason.value}`;
    case 'duplicate':
      return pt
        ? `Número repetido no arquivo (já na linha ${reason.line})`
        : `Number repeated in the file (already on line ${reason.line})`;
    case 'field_invalid':
      return pt
        ? `Campo "${reason.field}" deve ser ${TYPE_NAMES[locale][reason.expected] ?? reason.expected}`
        : `Field "${reason.field}" must be ${TYPE_NAMES[locale][reason.expected] ?? reason.expected}`;
    case 'choice_invalid':
      return pt
        ? `Campo "${reason.field}" deve ser uma das opções: ${reason.options.join(', ')}`
        : `Field "${reason.field}" must be one of: ${reason.options.join(', ')}`;
    case 'too_long':
      return pt ? `Coluna "${reason.column}" longa demais` : `Column "${reason.column}" is too long`;
  }
}

export const REPORT_COLUMNS: Record<ReportLocale, [string, string]> = { 'pt-BR': ['linha', 'motivo'], en: ['line', 'reason'] };
export const EXPORT_COLUMNS: Record<ReportLocale, [string, string, string, string]> = {
  'pt-BR': ['nome', 'telefone', 'email', 'etiquetas'],
  en: ['name', 'phone', 'email', 'tags'],
};
