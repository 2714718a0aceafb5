import { describe, expect, it } from 'vitest';
import { collapseRepeats, durationParts } from './transcript.js';
import type { TranscriptItem } from './transcript.js';

describe('durationParts', () => {
  it.each([
    [5_000, { unit: 'seconds', count: 5 }],
    [300_000, { unit: 'minutes', count: 5 }],
    [5_400_000, { unit: 'minutes', count: 90 }],
    [7_200_000, { unit: 'hours', count: 2 }],
    [2 * 86_400_000, { unit: 'days', count: 2 }],
  ])('%i ms → %o', (ms, expected) => {
    expect(durationParts(ms)).toEqual(expected);
  });
});

describe('collapseRepeats', () => {
  it('folds consecutive identical bot messages and events, never customer messages or different ones', () => {
    const items: TranscriptItem[] = [
      { id: 1, kind: 'customer', text: 'oi' },
      { id: 2, kind: 'customer', text: 'oi' },
      { id: 3, kind: 'bot', text: 'a' },
      { id: 4, kind: 'bot', text: 'a' },
      { id: 5, kind: 'event', effect: { type: 'setTag', tag: 'x' } },
      { id: 6, kind: 'event', effect: { type: 'setTag', tag: 'x' } },
      { id: 7, kind: 'event', effect: { type: 'setTag', tag: 'y' } },
      { id: 8, kind: 'bot', text: 'a' },
    ];
    expect(collapseRepeats(items).map(({ items: run, repeat }) => [run.map((item) => item.id), repeat])).toEqual([
      [[1], 1],
      [[2], 1],
      [[3], 2],
      [[5], 2],
      [[7], 1],
      [[8], 1],
    ]);
  });

  it('folds a cycle of a few items repeated at least three times', () => {
    const tag = (id: number, type: 'setTag' | 'removeTag'): TranscriptItem => ({ id, kind: 'event', effect: { type, tag: 'x' } });
    const twice = [tag(1, 'setTag'), tag(2, 'removeTag'), tag(3, 'setTag'), tag(4, 'removeTag')];
    expect(collapseRepeats(twice)).toHaveLength(4);
    const thrice = [...twice, tag(5, 'setTag'), tag(6, 'removeTag'), tag(7, 'setTag')];
    expect(collapseRepeats(thrice).map(({ items: run, repeat }) => [run.map((item) => item.id), repeat])).toEqual([
      [[1, 2], 3],
      [[7], 1],
    ]);
  });
});
