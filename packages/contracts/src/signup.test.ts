import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_SCORE, scorePassword, signupRequestSchema } from './signup.js';

describe('scorePassword', () => {
  it.each([
    ['', 0],
    ['short1!', 0],
    ['password', 0],
    ['Senha123', 0],
    ['12345678', 0],
    ['abcdefgh', 1],
    ['aaaaaaaaaaaa', 1],
    ['1234567890123', 1],
    ['Abcdef12', 1],
    ['xkqzvbnmtr', 2],
    ['Tr0ub4dor&3', 3],
    ['correct horse battery', 4],
    ['jimmy-demo-2026', 3],
  ] as const)('%j scores %i', (password, expected) => {
    expect(scorePassword(password)).toBe(expected);
  });

  it('never scores a longer password of the same kind lower', () => {
    let previous = 0;
    for (let length = 8; length <= 40; length += 4) {
      const score = scorePassword('q7#Kx'.repeat(8).slice(0, length));
      expect(score).toBeGreaterThanOrEqual(previous);
      previous = score;
    }
    expect(previous).toBe(4);
  });

  it('is what the sign-up schema refuses below the minimum', () => {
    const base = { companyName: 'Acme', name: 'Ana', email: 'ana@example.com', whatsapp: '+5511987654321', acceptTerms: true };
    const weak = signupRequestSchema.safeParse({ ...base, password: 'abcdefgh' });
    expect(weak.success).toBe(false);
    expect(weak.error?.issues[0]).toMatchObject({ path: ['password'], message: 'too weak' });
    expect(scorePassword('xkqzvbnmtr')).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
    expect(signupRequestSchema.safeParse({ ...base, password: 'xkqzvbnmtr' }).success).toBe(true);
    expect(signupRequestSchema.safeParse({ ...base, password: 'xkqzvbnmtr', acceptTerms: false }).success).toBe(false);
  });
});
