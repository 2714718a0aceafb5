import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions.js';

const users = [
  { id: 1, name: 'Ana' },
  { id: 2, name: 'Ana Paula' },
  { id: 3, name: 'João Silva' },
  { id: 4, name: 'joão silva' },
  { id: 5, name: 'Bia' },
];

describe('findMentions', () => {
  it.each([
    ['@Ana pode ver?', [1]],
    ['@Ana Paula pode ver?', [2]],
    ['fala com @ana, e com @Bia.', [1, 5]],
    ['@João Silva', [3, 4]],
    ['email ana@Bia.com não menciona', []],
    ['@Anabela não existe', []],
    ['@Bia @Bia', [5]],
    ['sem menção', []],
    ['@', []],
  ])('%s → %j', (body, expected) => {
    expect(findMentions(body, users).sort()).toEqual([...expected].sort());
  });
});
