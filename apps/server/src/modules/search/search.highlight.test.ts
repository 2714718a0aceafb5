import { describe, expect, it } from 'vitest';
import { buildSnippet, candidateWords, positiveLexemes } from './search.highlight.js';
import { capQuery } from './search.service.js';

describe('positiveLexemes', () => {
  it.each([
    ["'orcament'", ['orcament']],
    ["'segund' <-> 'via' <2> 'bolet'", ['segund', 'via', 'bolet']],
    ["'orcament' & !'cozinh' & !'rob'", ['orcament']],
    ["'a' & !( 'b' <-> 'c' ) & 'd'", ['a', 'd']],
    ["'d''agu' | 'x\\\\y'", ["d'agu", 'x\\y']],
    ['', []],
  ])('%s → %j', (query, expected) => {
    expect(positiveLexemes(query)).toEqual(expected);
  });
});

describe('buildSnippet', () => {
  const hit = (body: string, words: string[]) => buildSnippet(body, new Set(words));

  it('keeps the original accents and case and marks the matching words', () => {
    expect(hit('Preciso de um ORÇAMENTO hoje', ['ORÇAMENTO'])).toEqual([
      { text: 'Preciso de um ', match: false },
      { text: 'ORÇAMENTO', match: true },
      { text: ' hoje', match: false },
    ]);
  });

  it('joins adjacent hits, folds whitespace to one line and cuts long bodies around the first hit', () => {
    const body = `${'palavra '.repeat(40)}a segunda\nvia do boleto ${'depois '.repeat(60)}`;
    const segments = hit(body, ['segunda', 'via', 'boleto']);
    const text = segments.map((s) => s.text).join('');
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThan(200);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['segunda via', 'boleto']);
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(/ pala …|ravra|depoi…/);
  });

  it('marks a whole chunk such as an e-mail address when PostgreSQL matched the chunk', () => {
    expect(hit('mande para joao@example.com, obrigado', ['joao@example.com']).filter((s) => s.match)).toEqual([
      { text: 'joao@example.com', match: true },
    ]);
  });

  it('shows the start of the message when no word is marked', () => {
    expect(hit('<b>oi</b>', [])).toEqual([{ text: '<b>oi</b>', match: false }]);
  });
});

describe('candidateWords', () => {
  it('asks only about words that start like a lexeme, accents folded', () => {
    expect(candidateWords(['Ótimo orçamento, obrigado! Veja www.site.com.br'], ['orcament', 'www.site.com.br']).sort()).toEqual(
      ['Ótimo', 'obrigado', 'orçamento', 'www', 'www.site.com.br'].sort(),
    );
  });
});

describe('capQuery', () => {
  it('reads the first 200 characters without cutting a word', () => {
    const q = capQuery('orçamento '.repeat(100));
    expect(q.length).toBeLessThanOrEqual(200);
    expect(q.endsWith('orçamento')).toBe(true);
  });
});
