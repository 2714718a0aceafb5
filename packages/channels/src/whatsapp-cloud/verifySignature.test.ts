import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCloudFixture } from './cloudFixtures.js';
import { verifyCloudSignature } from './verifySignature.js';

const secret = 'app-secret-1';
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"text":"Ol\\u00e1"}}]}]}');
const hex = (key: string, bytes: Buffer | string) => createHmac('sha256', key).update(bytes).digest('hex');
const good = `sha256=${hex(secret, body)}`;

const cases: Array<[string, Buffer, string | undefined, string, boolean]> = [
  ['valid signature', body, good, secret, true],
  ['uppercase hex digest', body, `sha256=${hex(secret, body).toUpperCase()}`, secret, true],
  ['missing header', body, undefined, secret, false],
  ['empty header', body, '', secret, false],
  ['no prefix', body, hex(secret, body), secret, false],
  ['sha1 prefix', body, `sha1=${hex(secret, body)}`, secret, false],
  ['not hex', body, `sha256=${'z'.repeat(64)}`, secret, false],
  ['truncated digest', body, good.slice(0, -2), secret, false],
  ['digest too long', body, `${good}00`, secret, false],
  ['wrong secret', body, `sha256=${hex('other', body)}`, secret, false],
  ['body changed by one byte', Buffer.from(body.toString().replace('a', 'b')), good, secret, false],
  // Meta signs the escaped form; a re-serialised body with the raw "á" no longer matches.
  ['unescaped re-serialisation', Buffer.from(JSON.stringify(JSON.parse(body.toString()))), good, secret, false],
  ['empty app secret never verifies', body, `sha256=${hex('', body)}`, '', false],
];

describe('verifyCloudSignature', () => {
  it.each(cases)('%s', (_name, raw, header, key, expected) => {
    expect(verifyCloudSignature(raw, header, key)).toBe(expected);
  });

  it('verifies a fixture signed byte for byte', () => {
    const bytes = readCloudFixture('inbound-text.json');
    expect(verifyCloudSignature(bytes, `sha256=${hex(secret, bytes)}`, secret)).toBe(true);
  });
});
