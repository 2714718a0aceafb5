import { describe, expect, it } from 'vitest';
import { anchorRepeat, occurrenceAt } from './repeat.js';

const zone = { timeZone: 'America/Sao_Paulo' };

describe('occurrenceAt', () => {
  it.each([
    ['day', 1, '2026-03-11T12:00:00.000Z'],
    ['week', 1, '2026-03-17T12:00:00.000Z'],
    ['month', 1, '2026-04-10T12:00:00.000Z'],
    ['day', 2, '2026-03-12T12:00:00.000Z'],
  ] as const)('every %s, occurrence %i', (every, occurrence, expected) => {
    const repeat = anchorRepeat({ every, times: 5 }, new Date('2026-03-10T12:00:00Z'), 0);
    expect(occurrenceAt(repeat, occurrence, zone)?.toISOString()).toBe(expected);
  });

  it('keeps the 31st after a short month by counting from the anchor', () => {
    const repeat = anchorRepeat({ every: 'month', times: 4 }, new Date('2026-01-31T12:00:00Z'), 0);
    expect(occurrenceAt(repeat, 1, zone)?.toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(occurrenceAt(repeat, 2, zone)?.toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });

  it('keeps the wall-clock time across a DST change (Europe/Lisbon, 29 March 2026)', () => {
    const repeat = anchorRepeat({ every: 'day', times: 3 }, new Date('2026-03-28T09:00:00Z'), 0); // 09:00 WET
    expect(occurrenceAt(repeat, 1, { timeZone: 'Europe/Lisbon' })?.toISOString()).toBe('2026-03-29T08:00:00.000Z'); // 09:00 WEST
  });

  it('stops after `times` sends and past `until` (local date)', () => {
    const times = anchorRepeat({ every: 'day', times: 3 }, new Date('2026-03-10T12:00:00Z'), 0);
    expect(occurrenceAt(times, 2, zone)).not.toBeNull();
    expect(occurrenceAt(times, 3, zone)).toBeNull();
    // 23:30 in São Paulo on the 11th is already the 12th in UTC: the local date decides.
    const until = anchorRepeat({ every: 'day', until: '2026-03-11' }, new Date('2026-03-11T02:30:00Z'), 0);
    expect(occurrenceAt(until, 1, zone)?.toISOString()).toBe('2026-03-12T02:30:00.000Z');
    expect(occurrenceAt(until, 2, zone)).toBeNull();
  });

  it('counts from an anchor set at a later occurrence (after an edit)', () => {
    const repeat = anchorRepeat({ every: 'day', times: 5 }, new Date('2026-03-20T12:00:00Z'), 2);
    expect(occurrenceAt(repeat, 3, zone)?.toISOString()).toBe('2026-03-21T12:00:00.000Z');
    expect(occurrenceAt(repeat, 5, zone)).toBeNull();
  });

  it('uses the test unit when given', () => {
    const repeat = anchorRepeat({ every: 'week', times: 3 }, new Date('2026-03-10T12:00:00Z'), 0);
    expect(occurrenceAt(repeat, 1, { ...zone, unitMs: 1000 })?.toISOString()).toBe('2026-03-10T12:00:07.000Z');
  });
});
