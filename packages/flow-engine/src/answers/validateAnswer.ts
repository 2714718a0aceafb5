import { normalizeText } from '../text/normalizeText.js';
import { parseBrDate } from './parseBrDate.js';
import { parseBrPhone } from './parseBrPhone.js';
import { parseCnpj, parseCpf } from './checkDigits.js';

export type AnswerKind = 'text' | 'number' | 'email' | 'phone' | 'cpf' | 'cnpj' | 'date' | 'options';

export type AnswerResult = { ok: true; value: string } | { ok: false };

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)*\.[^\s@.]{2,}$/;

/** "1.234,56" (pt-BR), "1234.5" or "42" → a JS number as text; null when it is not a number. */
function parseNumber(text: string): string | null {
  let compact = text.trim().replace(/\s/g, '');
  if (!/^-?[\d.,]+$/.test(compact)) return null;
  if (compact.includes(',')) compact = compact.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(compact)) compact = compact.replace(/\./g, '');
  const value = Number(compact);
  return Number.isFinite(value) && compact !== '' ? String(value) : null;
}

/** Checks and normalises a customer's answer; never throws (a wrong answer is data). */
export function validateAnswer(kind: AnswerKind, text: string, options: { currentYear: number; choices: readonly string[] }): AnswerResult {
  const trimmed = text.trim();
  const result = (value: string | null | undefined): AnswerResult => (value ? { ok: true, value } : { ok: false });
  switch (kind) {
    case 'text':
      return result(trimmed);
    case 'number':
      return result(parseNumber(trimmed));
    case 'email':
      return result(EMAIL.test(trimmed) ? trimmed.toLowerCase() : null);
    case 'phone':
      return result(parseBrPhone(trimmed));
    case 'cpf':
      return result(parseCpf(trimmed));
    case 'cnpj':
      return result(parseCnpj(trimmed));
    case 'date':
      return result(parseBrDate(trimmed, options.currentYear));
    case 'options': {
      const wanted = normalizeText(trimmed);
      return result(options.choices.find((choice) => normalizeText(choice) === wanted));
    }
  }
}
