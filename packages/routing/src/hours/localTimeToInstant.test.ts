import { describe, expect, it } from 'vitest';
import { localTimeToInstant } from './localTimeToInstant.js';

const wall = (iso: string) => Date.parse(`${iso}Z`);

// Lisbon: 2025-03-30 01:00 WET jumps to 02:00 WEST (at 01:00Z); 2025-10-26 02:00 WEST goes back to 01:00 WET (at 01:00Z).
const cases: Array<[string, string, 'first' | 'last', string]> = [
  ['America/Sao_Paulo', '2025-06-02T08:00', 'first', '2025-06-02T11:00:00.000Z'],
  ['America/Sao_Paulo', '2025-06-02T08:00', 'last', '2025-06-02T11:00:00.000Z'],
  ['Europe/Lisbon', '2025-01-15T09:00', 'first', '2025-01-15T09:00:00.000Z'],
  ['Europe/Lisbon', '2025-07-15T09:00', 'first', '2025-07-15T08:00:00.000Z'],
  // skipped wall time → the moment of the jump
  ['Europe/Lisbon', '2025-03-30T01:30', 'first', '2025-03-30T01:00:00.000Z'],
  ['Europe/Lisbon', '2025-03-30T01:30', 'last', '2025-03-30T01:00:00.000Z'],
  ['Europe/Lisbon', '2025-03-30T02:00', 'first', '2025-03-30T01:00:00.000Z'],
  ['Europe/Lisbon', '2025-03-30T03:00', 'first', '2025-03-30T02:00:00.000Z'],
  // repeated wall time → earlier or later occurrence
  ['Europe/Lisbon', '2025-10-26T01:30', 'first', '2025-10-26T00:30:00.000Z'],
  ['Europe/Lisbon', '2025-10-26T01:30', 'last', '2025-10-26T01:30:00.000Z'],
  ['Europe/Lisbon', '2025-10-26T00:30', 'last', '2025-10-25T23:30:00.000Z'],
];

describe('localTimeToInstant', () => {
  it.each(cases)('%s %s (%s) → %s', (zone, local, pick, expected) => {
    expect(new Date(localTimeToInstant(zone, wall(local), pick)).toISOString()).toBe(expected);
  });
});
