import { createHmac } from 'node:crypto';

/**
 * `X-Jimmy-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (API-CONTRACT.md).
 * The timestamp is signed with the body, so a receiver can refuse an old request replayed later.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
