import { describe, expect, it } from 'vitest';
import { isoToZoned, offsetMinutes, zonedToIso } from './zonedTime.js';

describe('company time zone', () => {
  it.each([
    ['2026-03-10', '09:30', 'America/Sao_Paulo', '2026-03-10T09:30:00-03:00'],
    ['2026-07-10', '09:30', 'Europe/Lisbon', '2026-07-10T09:30:00+01:00'],
    ['2026-01-10', '09:30', 'Europe/Lisbon', '2026-01-10T09:30:00+00:00'],
    // The morning after Lisbon moves its clocks forward (29 March 2026, 01:00 → 02:00).
    ['2026-03-29', '09:00', 'Europe/Lisbon', '2026-03-29T09:00:00+01:00'],
    ['2026-03-10', '23:45', 'Asia/Kolkata', '2026-03-10T23:45:00+05:30'],
  ])('%s %s in %s', (date, time, zone, expected) => {
    expect(zonedToIso(date, time, zone)).toBe(expected);
  });

  it('reads an instant back as the zone sees it', () => {
    expect(isoToZoned('2026-03-11T02:30:00Z', 'America/Sao_Paulo')).toEqual({ date: '2026-03-10', time: '23:30' });
    expect(offsetMinutes('UTC', new Date())).toBe(0);
  });
});
