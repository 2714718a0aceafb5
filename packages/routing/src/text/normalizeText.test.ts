import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalizeText.js';

const cases: Array<[string, string]> = [
  ['  Suporte Técnico! ', 'suporte tecnico'],
  ['SUPORTE TÉCNICO', 'suporte tecnico'],
  ['Financeiro ', 'financeiro'],
  ['opção 2.', 'opcao 2'],
  ['2️⃣', '2'],
  ['⭐⭐⭐', ''],
  ['Ação/Promoção', 'acao promocao'],
];

describe('normalizeText', () => {
  it.each(cases)('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});
