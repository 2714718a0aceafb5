import { describe, expect, it } from 'vitest';
import type { Reply } from '../menu/types.js';
import { parseScore } from './parseScore.js';

// expected score, or null for invalid (scale 5)
const cases: Array<[Reply, number | null]> = [
  // digits
  [{ text: '5' }, 5],
  [{ text: ' 1 ' }, 1],
  [{ text: 'nota 5' }, 5],
  [{ text: '5 estrelas' }, 5],
  [{ text: '5/5' }, 5],
  [{ text: '4/5' }, 4],
  [{ text: '4 / 5' }, 4],
  [{ text: 'nota 4 de 5' }, 4],
  [{ text: '4 out of 5' }, 4],
  [{ text: '5.0' }, 5],
  [{ text: '3️⃣' }, 3],
  [{ text: 'Nota: 3!' }, 3],
  [{ text: '5 5' }, 5],
  // stars
  [{ text: '⭐⭐⭐⭐' }, 4],
  [{ text: '⭐' }, 1],
  [{ text: '⭐5' }, 5],
  [{ text: '★★★' }, 3],
  [{ text: '🌟🌟' }, 2],
  [{ text: '⭐⭐⭐⭐⭐ 5 estrelas' }, 5],
  [{ text: '⭐⭐⭐⭐⭐⭐' }, null],
  // words, pt-BR and English
  [{ text: 'cinco' }, 5],
  [{ text: 'Quatro' }, 4],
  [{ text: 'três' }, 3],
  [{ text: 'tres' }, 3],
  [{ text: 'duas estrelas' }, 2],
  [{ text: 'dois' }, 2],
  [{ text: 'um' }, 1],
  [{ text: 'uma estrela' }, 1],
  [{ text: 'dou um cinco' }, 5],
  [{ text: 'five stars' }, 5],
  [{ text: 'one' }, 1],
  [{ text: 'I give this one a four' }, 4],
  [{ text: 'cinco, 5!' }, 5],
  // button ids
  [{ choiceId: 'score:4' }, 4],
  [{ choiceId: 'score-2', text: 'Ruim' }, 2],
  [{ choiceId: '3' }, 3],
  [{ choiceId: 'score:9' }, null],
  [{ choiceId: 'survey-skip', text: '5' }, 5],
  // out of range, ambiguous, nothing
  [{ text: '0' }, null],
  [{ text: '6' }, null],
  [{ text: '10' }, null],
  [{ text: 'seis' }, null],
  [{ text: '4,5' }, null],
  [{ text: '4.5' }, null],
  [{ text: 'de 1 a 5, dou 4' }, null],
  [{ text: 'quatro ou cinco' }, null],
  [{ text: 'ótimo atendimento' }, null],
  [{ text: '👍' }, null],
  [{ text: '' }, null],
  [{}, null],
];

describe('parseScore', () => {
  it.each(cases)('%j → %s', (reply, expected) => {
    expect(parseScore(reply)).toEqual(expected === null ? { kind: 'invalid' } : { kind: 'score', score: expected });
  });

  const scales: Array<[Reply, number, number | null]> = [
    [{ text: '10' }, 10, 10],
    [{ text: 'nota 9/10' }, 10, 9],
    [{ text: 'dez' }, 10, 10],
    [{ text: '3' }, 3, 3],
    [{ text: '4' }, 3, null],
    [{ text: '1' }, 0, null],
  ];
  it.each(scales)('%j on a scale of %i → %s', (reply, scale, expected) => {
    expect(parseScore(reply, scale)).toEqual(expected === null ? { kind: 'invalid' } : { kind: 'score', score: expected });
  });
});
