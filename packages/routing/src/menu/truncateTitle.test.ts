import { describe, expect, it } from 'vitest';
import { truncateTitle } from './truncateTitle.js';

const cases: Array<[string, number, string]> = [
  ['Vendas', 20, 'Vendas'],
  ['  Vendas  ', 20, 'Vendas'],
  ['Exatamente vinte car', 20, 'Exatamente vinte car'],
  ['Suporte Técnico Especializado', 20, 'Suporte Técnico…'],
  ['Atendimentoaoconsumidorgeral', 20, 'Atendimentoaoconsum…'],
  ['Segunda via de boleto bancário', 24, 'Segunda via de boleto…'],
  ['Ver todas as opções disponíveis', 20, 'Ver todas as opções…'],
  ['🍕🍕🍕🍕🍕🍕', 4, '🍕🍕🍕…'],
  ['Vendas', 1, 'V'],
];

describe('truncateTitle', () => {
  it.each(cases)('%j to %i → %j', (title, max, expected) => {
    const result = truncateTitle(title, max);
    expect(result).toBe(expected);
    expect(Array.from(result).length).toBeLessThanOrEqual(max);
  });
});
