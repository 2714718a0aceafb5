import type { ContactCard } from './types.js';

/** The digits of a phone number: what WhatsApp calls its wa_id when the number has an account. */
export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/**
 * vCard 3.0 text values escape backslash, comma and semicolon, and a newline becomes "\n"
 * (RFC 2426 §4). Without it a name like "Silva; Filhos" would split into the N components.
 */
const escapeText = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');

/**
 * One contact as a vCard 3.0: FN, N (family;given), and TEL with `waid`, the parameter WhatsApp
 * reads to show "Message" and "Save contact" buttons under the card. Lines end in CRLF as the RFC asks.
 */
export function buildVCard(contact: ContactCard): string {
  const name = contact.name.trim();
  const parts = name.split(/\s+/);
  const given = parts.length > 1 ? parts.slice(0, -1).join(' ') : name;
  const family = parts.length > 1 ? parts[parts.length - 1]! : '';
  const digits = phoneDigits(contact.phone);
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${escapeText(name)}`,
    `N:${escapeText(family)};${escapeText(given)};;;`,
    `TEL;type=CELL;type=VOICE;waid=${digits}:+${digits}`,
    'END:VCARD',
    '',
  ].join('\r\n');
}
