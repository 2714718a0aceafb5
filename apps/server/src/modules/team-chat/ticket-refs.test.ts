import { describe, expect, it } from 'vitest';
import { findTicketRefs } from './ticket-refs.js';

describe('findTicketRefs', () => {
  it.each([
    ['veja o #1234', [1234]],
    ['#12 e #34, de novo #12', [12, 34]],
    ['(#7)', [7]],
    ['sem número #abc', []],
    ['colado a#1 ou &#39; ou http://x/#5', []],
    ['#0', []],
    ['#12a não é', []],
  ])('%s', (body, expected) => {
    expect(findTicketRefs(body)).toEqual(expected);
  });
});
