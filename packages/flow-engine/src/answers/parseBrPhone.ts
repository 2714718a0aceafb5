/**
 * A Brazilian phone number, with or without +55, with any spacing or punctuation, to E.164
 * ("(11) 98765-4321" → "+5511987654321"). Mobiles have 9 digits starting with 9, landlines 8
 * starting with 2–5; area codes are 11–99.
 */
export function parseBrPhone(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  // A leading 0 is the long-distance prefix ("0 11 …"); a carrier code ("0 21 11 …") is not supported.
  if (digits.startsWith('0')) digits = digits.slice(1);
  const national = (digits.length === 12 || digits.length === 13) && digits.startsWith('55') ? digits.slice(2) : digits;
  if (national.length !== 10 && national.length !== 11) return null;
  const area = Number(national.slice(0, 2));
  const subscriber = national.slice(2);
  if (area < 11 || area % 10 === 0) return null;
  const valid = subscriber.length === 9 ? subscriber.startsWith('9') : /^[2-5]/.test(subscriber);
  return valid ? `+55${national}` : null;
}
