import { describe, expect, it } from 'vitest';
import { candidatesInOrder } from './candidates.js';

const m = (id: number, openTickets = 0, maxOpenTickets: number | null = null) => ({ id, openTickets, maxOpenTickets });
const ids = (list: { id: number }[]) => list.map((x) => x.id);
const all = new Set([1, 2, 3, 4]);

describe('candidatesInOrder', () => {
  it.each([
    { cursor: null, expected: [1, 2, 3] },
    { cursor: 1, expected: [2, 3, 1] },
    { cursor: 3, expected: [1, 2, 3] },
    // the last one may have left the queue: continue after their id anyway
    { cursor: 2, expected: [3, 1, 2] },
    { cursor: 99, expected: [1, 2, 3] },
  ])('round-robin after $cursor', ({ cursor, expected }) => {
    expect(ids(candidatesInOrder('round_robin', [m(3), m(1), m(2)], all, cursor))).toEqual(expected);
  });

  it('skips offline and full members', () => {
    const members = [m(1), m(2, 2, 2), m(3, 1, 2), m(4)];
    expect(ids(candidatesInOrder('round_robin', members, new Set([1, 2, 3]), 1))).toEqual([3, 1]);
  });

  it('least-busy: fewest open tickets, ties by id', () => {
    expect(ids(candidatesInOrder('least_busy', [m(4, 1), m(2, 3), m(3, 1), m(1, 5, 5)], all, null))).toEqual([3, 4, 2]);
  });
});
