import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers typed by people (spreadsheets, forms) to E.164, Brazil by default.
 *
 * The 9th-digit rule: since 2016 every Brazilian mobile number has 9 digits and starts with 9; the old
 * 8-digit mobiles started with 6, 7, 8 or 9 (landlines start with 2–5). So a Brazilian NATIONAL number
 * of exactly 10 digits (2-digit area code + 8-digit subscriber) whose subscriber part starts with 6–9
 * is an old-format mobile and gets a 9 in front of the subscriber: (11) 8765-4321 → +55 11 98765-4321.
 * A 10-digit number starting with 2–5 is a landline and stays as it is.
 *
 * WhatsApp still reports many Brazilian accounts with a wa_id WITHOUT that 9 (55 11 8765-4321, the
 * number the account was registered with). `whatsAppIdsOf` gives both forms so that an imported
 * contact and a later inbound message from the same person meet as one contact (see ingest.sql.ts).
 */
export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: 'phone_missing' | 'phone_invalid' };

const MAX_RAW = 40;

export function normalizePhone(raw: string): PhoneResult {
  const text = raw.trim();
  if (!/\d/.test(text)) return { ok: false, reason: text ? 'phone_invalid' : 'phone_missing' };
  if (text.length > MAX_RAW) return { ok: false, reason: 'phone_invalid' };
  const digits = text.replace(/\D/g, '');
  // "5511987654321" without a plus is how WhatsApp and many exports write numbers: read it as international
  // when it cannot be a Brazilian national number (10–11 digits) but has the country code's length.
  const international =
    text.startsWith('+') || text.startsWith('00') || (digits.startsWith('55') && digits.length >= 12 && digits.length <= 13);
  const candidate = text.startsWith('00') ? `+${digits.slice(2)}` : international && !text.startsWith('+') ? `+${digits}` : text;
  const parsed = parsePhoneNumberFromString(candidate, 'BR');
  if (!parsed) return { ok: false, reason: 'phone_invalid' };
  let e164 = parsed.number;
  if (parsed.countryCallingCode === '55') e164 = `+55${withNinthDigit(parsed.nationalNumber)}`;
  const checked = parsePhoneNumberFromString(e164);
  if (!checked?.isValid()) return { ok: false, reason: 'phone_invalid' };
  return { ok: true, e164 };
}

/** A Brazilian national number (area code + subscriber) with the 9th-digit rule applied. */
export function withNinthDigit(national: string): string {
  return /^[1-9]{2}[6-9]\d{7}$/.test(national) ? `${national.slice(0, 2)}9${national.slice(2)}` : national;
}

/**
 * Every wa_id WhatsApp may use for this E.164 number: the digits themselves and, for a Brazilian
 * 9-digit mobile, the same digits without the 9 (first element: the canonical one we store).
 */
export function whatsAppIdsOf(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  const variant = brazilianWaIdVariant(digits);
  return variant ? [digits, variant] : [digits];
}

/**
 * The other form of a Brazilian mobile wa_id: 55 DD 9XXXXXXXX ⇄ 55 DD XXXXXXXX (old subscriber
 * starting 6–9). Null for anything else (landlines, other countries).
 */
export function brazilianWaIdVariant(waId: string): string | null {
  const withNine = /^55([1-9]{2})9([6-9]\d{7})$/.exec(waId);
  if (withNine) return `55${withNine[1]}${withNine[2]}`;
  const withoutNine = /^55([1-9]{2})([6-9]\d{7})$/.exec(waId);
  if (withoutNine) return `55${withoutNine[1]}9${withoutNine[2]}`;
  return null;
}
