import { createHmac } from 'node:crypto';

/** The `X-Hub-Signature-256` value Meta would send for these exact bytes (for tests and replay tools). */
export function signWebhook(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
