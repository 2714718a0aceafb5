import { describe, expect, it } from 'vitest';
import { compileRulePattern, rejectRulePattern, RULE_TEXT_MAX, ruleMatches, tagsEarned } from './rule-match.js';

describe('tag rule matching', () => {
  it.each([
    ['contains', 'orçamento', 'Quero um ORCAMENTO, por favor', true],
    ['contains', 'Orcamento', 'preciso de orçamentos', true],
    ['contains', 'boleto', 'quero pagar no pix', false],
    ['contains', '  ', 'anything', false],
    ['regex', '^pedido\\s*#?\\d+', 'Pedido #123 atrasado', true],
    ['regex', 'entrega (atrasada|não chegou)', 'minha entrega nao chegou', true],
    ['regex', '\\bpix\\b', 'pixel', false],
    ['regex', '([', 'anything', false],
  ] as const)('%s %s on %s → %s', (match, pattern, text, expected) => {
    expect(ruleMatches({ match, pattern }, text)).toBe(expected);
  });

  it('tests only the first RULE_TEXT_MAX characters of a message', () => {
    const text = `${'a'.repeat(RULE_TEXT_MAX)}urgente`;
    expect(ruleMatches({ match: 'contains', pattern: 'urgente' }, text)).toBe(false);
    expect(ruleMatches({ match: 'contains', pattern: 'urgente' }, text.slice(10))).toBe(true);
  });

  it.each([
    ['(a+)+$', true],
    ['(\\w*)*x', true],
    ['(ab|cd){2,}', false],
    ['(a|b)+', false],
    ['pedido \\d+', false],
    ['(', true],
  ])('refuses %s at save time: %s', (pattern, refused) => {
    expect(rejectRulePattern(pattern) !== null).toBe(refused);
  });

  it('reports why a pattern does not compile', () => {
    expect(compileRulePattern('(unclosed')).toMatchObject({ ok: false });
    expect(compileRulePattern('ok|fine')).toMatchObject({ ok: true });
  });

  it('earns each tag once, from the first rule that matches', () => {
    const rules = [
      { id: 1, tagId: 10, match: 'contains' as const, pattern: 'preço' },
      { id: 2, tagId: 10, match: 'contains' as const, pattern: 'valor' },
      { id: 3, tagId: 20, match: 'regex' as const, pattern: 'urgente' },
    ];
    expect(tagsEarned(rules, ['qual o valor?', 'e o preco?'])).toEqual([{ tagId: 10, ruleId: 1 }]);
    expect(tagsEarned(rules, ['URGENTE'])).toEqual([{ tagId: 20, ruleId: 3 }]);
  });
});
