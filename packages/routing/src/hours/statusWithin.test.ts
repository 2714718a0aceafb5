import { describe, expect, it } from 'vitest';
import { hoursStatus, SEARCH_DAYS, statusWithin } from './hoursStatus.js';
import type { ScheduleInput } from './scheduleSchema.js';
import { testSchedule } from './testSchedule.js';

// hoursStatus widens its window step by step; it must answer exactly as the widest window does.
const schedules: Array<[string, ScheduleInput]> = [
  [
    'office with lunch, holidays and exceptions',
    {
      weekly: {
        mon: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
        wed: [{ start: '08:00', end: '18:00' }],
        fri: [{ start: '09:00', end: '12:00' }],
      },
      holidays: [{ date: '2025-03-19' }],
      exceptions: [
        { date: '2025-03-21', closed: true },
        { date: '2025-03-22', ranges: [{ start: '10:00', end: '11:00' }] },
      ],
    },
  ],
  [
    'Lisbon nights across both DST changes',
    {
      timeZone: 'Europe/Lisbon',
      weekly: {
        fri: [
          { start: '18:00', end: '23:00' },
          { start: '23:30', end: '03:00' },
        ],
        sun: [{ start: '01:30', end: '03:00' }],
        tue: [{ start: '20:00', end: '24:00' }],
        wed: [{ start: '00:00', end: '02:00' }],
      },
    },
  ],
  ['a long closure', { weekly: { thu: [{ start: '10:00', end: '11:00' }] }, exceptions: [{ date: '2025-03-27', closed: true }] }],
  ['round the clock on weekends', { weekly: { sat: [{ start: '00:00', end: '24:00' }], sun: [{ start: '00:00', end: '24:00' }] } }],
];

const STEP_MS = 5 * 3_600_000 + 17 * 60_000; // 5h17: lands on every hour of the day over the weeks
// Three weeks around each Lisbon DST change (2025-03-30 and 2025-10-26).
const instants = [Date.UTC(2025, 2, 16), Date.UTC(2025, 9, 12)].flatMap((from) =>
  Array.from({ length: 100 }, (_value, index) => from + index * STEP_MS),
);

describe('hoursStatus equals the widest window', () => {
  it.each(schedules)('%s', (_name, input) => {
    const schedule = testSchedule(input);
    for (const now of instants) {
      expect([new Date(now).toISOString(), hoursStatus(schedule, now)]).toEqual([
        new Date(now).toISOString(),
        statusWithin(schedule, now, SEARCH_DAYS + 1, true),
      ]);
    }
  });
});
