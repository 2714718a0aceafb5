import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * Checks Meta's `X-Hub-Signature-256` header against the raw request bytes. It must be the bytes as
 * received: Meta signs its own serialisation (non-ASCII escaped as \uXXXX), which re-serialised
 * JSON would not reproduce.
 */
export function verifyCloudSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  // An empty secret would let anyone forge a valid HMAC, so a misconfigured channel accepts nothing.
  if (appSecret.length === 0 || typeof header !== 'string') return false;
  if (!header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length).trim();
  if (!HEX_DIGEST.test(hex)) return false;

  const received = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  // timingSafeEqual throws on unequal lengths; the regex already pins it, this keeps it obvious.
  return received.length === expected.length && timingSafeEqual(received, expected);
}
