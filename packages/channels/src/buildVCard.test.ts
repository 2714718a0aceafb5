import { describe, expect, it } from 'vitest';
import { buildVCard, phoneDigits } from './buildVCard.js';

describe('buildVCard', () => {
  it('writes FN, N and a TEL with waid', () => {
    expect(buildVCard({ name: 'Maria da Silva', phone: '+55 (11) 98765-4321' })).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Maria da Silva',
        'N:Silva;Maria da;;;',
        'TEL;type=CELL;type=VOICE;waid=5511987654321:+5511987654321',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('escapes commas, semicolons, backslashes and newlines', () => {
    const card = buildVCard({ name: 'Loja; Filhos, Ltda\\x\nB', phone: '5511912345678' });
    expect(card).toContain('FN:Loja\\; Filhos\\, Ltda\\\\x\\nB\r\n');
    expect(card.split('\r\n')).toHaveLength(7);
  });

  it('puts a one-word name in the given name', () => {
    expect(buildVCard({ name: 'Padaria', phone: '551130000000' })).toContain('N:;Padaria;;;');
  });

  it('keeps only digits of a phone', () => {
    expect(phoneDigits('+55 11 9.8765-4321')).toBe('5511987654321');
  });
});
