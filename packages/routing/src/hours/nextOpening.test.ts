import { describe, expect, it } from 'vitest';
import { nextOpening } from './nextOpening.js';
import { testSchedule } from './testSchedule.js';

const schedule = testSchedule({
  weekly: { mon: [{ start: '08:00', end: '12:00' }], tue: [{ start: '08:00', end: '12:00' }] },
  holidays: [{ date: '2025-06-03' }],
});

// São Paulo is UTC-3; 2025-06-02 is a Monday and 2025-06-03 a holiday.
const cases: Array<[string, string, string | null]> = [
  ['open: now itself', '2025-06-02T12:00:00Z', '2025-06-02T12:00:00.000Z'],
  ['before opening', '2025-06-02T10:00:00Z', '2025-06-02T11:00:00.000Z'],
  ['skips the holiday to next Monday', '2025-06-02T16:00:00Z', '2025-06-09T11:00:00.000Z'],
];

describe('nextOpening', () => {
  it.each(cases)('%s (%s) → %s', (_name, now, expected) => {
    expect(nextOpening(schedule, new Date(now))?.toISOString() ?? null).toBe(expected);
  });

  it('is null for a schedule that never opens', () => {
    expect(nextOpening(testSchedule({ weekly: {} }), 0)).toBeNull();
  });
});
