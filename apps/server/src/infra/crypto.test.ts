import { describe, expect, it } from 'vitest';
import { SecretBox, TokenSigner } from './crypto.js';

const secret = 'unit-test-secret-unit-test-secret-000';

describe('TokenSigner', () => {
  const signer = new TokenSigner(secret);
  const claims = { sid: 's1', uid: 1, cid: 2, exp: 2_000_000_000 };

  it('verifies what it signed', () => {
    expect(signer.verify(signer.sign(claims), 1_000)).toEqual(claims);
  });

  it('rejects expired, tampered, foreign and malformed tokens', () => {
    const token = signer.sign(claims);
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, cid: 3 })).toString('base64url');
    const cases = [
      signer.verify(token, claims.exp),
      signer.verify(`${forged}.${mac}`, 1_000),
      new TokenSigner(`${secret}-other`).verify(token, 1_000),
      signer.verify(`${payload}`, 1_000),
      signer.verify(`${payload}.${mac}.extra`, 1_000),
      signer.verify('…', 1_000),
    ];
    expect(cases).toEqual([null, null, null, null, null, null]);
  });
});

describe('SecretBox', () => {
  it('round-trips and never produces the same ciphertext twice', () => {
    const box = new SecretBox(secret);
    const a = box.seal('EAAG-token');
    expect(a).not.toBe(box.seal('EAAG-token'));
    expect(box.openText(a)).toBe('EAAG-token');
  });

  it('refuses a ciphertext altered or sealed with another key', () => {
    const box = new SecretBox(secret);
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(`${secret}-2`).open(sealed)).toThrow();
  });
});
