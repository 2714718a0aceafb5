import { describe, expect, it } from 'vitest';
import { hoursStatus } from './hoursStatus.js';
import type { HoursState } from './hoursStatus.js';
import type { ScheduleInput } from './scheduleSchema.js';
import { testSchedule } from './testSchedule.js';

const weekdays = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const office: ScheduleInput = {
  weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [{ start: '09:00', end: '13:00' }] },
  holidays: [
    { date: '2025-06-19', name: 'Corpus Christi' },
    { date: '12-25', name: 'Natal' },
  ],
  exceptions: [
    { date: '2025-06-20', ranges: [{ start: '10:00', end: '14:00' }] },
    { date: '2025-06-21', closed: true },
    { date: '2025-12-25', ranges: [{ start: '10:00', end: '12:00' }] }, // an exception wins over a holiday
  ],
};
const saoPaulo = testSchedule(office);
const lisbon = testSchedule({ ...office, timeZone: 'Europe/Lisbon' });

type Row = [string, string, HoursState, string | null, string | null, string];

// São Paulo is UTC-3 all year. 2025-06-02 is a Monday.
const saoPauloRows: Row[] = [
  ['morning range', '2025-06-02T13:00:00Z', 'open', null, '2025-06-02T15:00:00.000Z', 'open:2025-06-02T11:00:00.000Z'],
  ['at the opening instant', '2025-06-02T11:00:00Z', 'open', null, '2025-06-02T15:00:00.000Z', 'open:2025-06-02T11:00:00.000Z'],
  ['lunch break', '2025-06-02T15:30:00Z', 'break', '2025-06-02T16:00:00.000Z', null, 'break:2025-06-02T15:00:00.000Z'],
  ['at the closing instant', '2025-06-02T15:00:00Z', 'break', '2025-06-02T16:00:00.000Z', null, 'break:2025-06-02T15:00:00.000Z'],
  ['before the first range', '2025-06-02T10:00:00Z', 'closed', '2025-06-02T11:00:00.000Z', null, 'closed:2025-05-31T16:00:00.000Z'],
  [
    'Sunday: same period as Monday dawn',
    '2025-06-01T13:00:00Z',
    'closed',
    '2025-06-02T11:00:00.000Z',
    null,
    'closed:2025-05-31T16:00:00.000Z',
  ],
  ['after the last range', '2025-06-02T22:00:00Z', 'closed', '2025-06-03T11:00:00.000Z', null, 'closed:2025-06-02T21:00:00.000Z'],
  ['dated holiday', '2025-06-19T13:00:00Z', 'closed', '2025-06-20T13:00:00.000Z', null, 'closed:2025-06-18T21:00:00.000Z'],
  [
    'special-hours exception, before',
    '2025-06-20T12:00:00Z',
    'closed',
    '2025-06-20T13:00:00.000Z',
    null,
    'closed:2025-06-18T21:00:00.000Z',
  ],
  [
    'special-hours exception, no lunch break',
    '2025-06-20T16:00:00Z',
    'open',
    null,
    '2025-06-20T17:00:00.000Z',
    'open:2025-06-20T13:00:00.000Z',
  ],
  ['closed exception on a Saturday', '2025-06-21T13:00:00Z', 'closed', '2025-06-23T11:00:00.000Z', null, 'closed:2025-06-20T17:00:00.000Z'],
  ['yearly holiday with an exception', '2025-12-25T13:30:00Z', 'open', null, '2025-12-25T15:00:00.000Z', 'open:2025-12-25T13:00:00.000Z'],
  ['yearly holiday, another year', '2026-12-25T13:30:00Z', 'closed', '2026-12-26T12:00:00.000Z', null, 'closed:2026-12-24T21:00:00.000Z'],
];

// The same schedule read in Lisbon (UTC+1 in June) and São Paulo gives other answers at one instant.
const sameInstantRows: Array<[string, string, HoursState, HoursState]> = [
  ['Lisbon lunch, São Paulo morning', '2025-06-02T11:30:00Z', 'break', 'open'],
  ['Lisbon evening, São Paulo afternoon', '2025-06-02T20:00:00Z', 'closed', 'open'],
  ['Lisbon morning, São Paulo night', '2025-06-02T08:00:00Z', 'open', 'closed'],
];

function status(schedule: ReturnType<typeof testSchedule>, now: string) {
  const result = hoursStatus(schedule, new Date(now));
  return [result.state, result.opensAt?.toISOString() ?? null, result.closesAt?.toISOString() ?? null, result.periodKey];
}

describe('hoursStatus', () => {
  it.each(saoPauloRows)('São Paulo, %s (%s) → %s', (_name, now, state, opensAt, closesAt, periodKey) => {
    expect(status(saoPaulo, now)).toEqual([state, opensAt, closesAt, periodKey]);
  });

  it.each(sameInstantRows)('%s (%s): Lisbon %s, São Paulo %s', (_name, now, inLisbon, inSaoPaulo) => {
    expect(hoursStatus(lisbon, new Date(now)).state).toBe(inLisbon);
    expect(hoursStatus(saoPaulo, new Date(now)).state).toBe(inSaoPaulo);
  });

  it('accepts epoch milliseconds for now', () => {
    expect(hoursStatus(saoPaulo, Date.parse('2025-06-02T13:00:00Z')).state).toBe('open');
  });
});

describe('hoursStatus with overnight ranges', () => {
  const bar = testSchedule({
    weekly: {
      fri: [
        { start: '18:00', end: '23:00' },
        { start: '23:30', end: '03:00' },
      ],
      sat: [{ start: '10:00', end: '14:00' }],
      mon: [{ start: '20:00', end: '24:00' }],
      tue: [{ start: '00:00', end: '02:00' }],
    },
  });
  // 2025-06-06 is a Friday; São Paulo is UTC-3.
  const rows: Row[] = [
    ['gap inside a night is a break', '2025-06-07T02:15:00Z', 'break', '2025-06-07T02:30:00.000Z', null, 'break:2025-06-07T02:00:00.000Z'],
    [
      'after midnight the Friday range runs on',
      '2025-06-07T04:00:00Z',
      'open',
      null,
      '2025-06-07T06:00:00.000Z',
      'open:2025-06-07T02:30:00.000Z',
    ],
    [
      'between Friday night and Saturday is closed',
      '2025-06-07T08:00:00Z',
      'closed',
      '2025-06-07T13:00:00.000Z',
      null,
      'closed:2025-06-07T06:00:00.000Z',
    ],
    [
      '24:00 and 00:00 join into one stretch',
      '2025-06-10T02:59:00Z',
      'open',
      null,
      '2025-06-10T05:00:00.000Z',
      'open:2025-06-09T23:00:00.000Z',
    ],
  ];
  it.each(rows)('%s (%s) → %s', (_name, now, state, opensAt, closesAt, periodKey) => {
    expect(status(bar, now)).toEqual([state, opensAt, closesAt, periodKey]);
  });
});

describe('hoursStatus across Lisbon DST changes', () => {
  const night = testSchedule({
    timeZone: 'Europe/Lisbon',
    weekly: { sun: [{ start: '01:30', end: '03:00' }], mon: [{ start: '09:00', end: '18:00' }] },
  });
  const rows: Row[] = [
    // An ordinary Sunday: 01:30–03:00 WET lasts 1h30.
    ['ordinary Sunday', '2025-03-23T02:00:00Z', 'open', null, '2025-03-23T03:00:00.000Z', 'open:2025-03-23T01:30:00.000Z'],
    // Spring forward 2025-03-30: 01:30 never happens; the range opens when the clock jumps to 02:00 WEST.
    [
      'spring forward, before the jump',
      '2025-03-30T00:45:00Z',
      'closed',
      '2025-03-30T01:00:00.000Z',
      null,
      'closed:2025-03-24T18:00:00.000Z',
    ],
    [
      'spring forward, right after the jump',
      '2025-03-30T01:00:00Z',
      'open',
      null,
      '2025-03-30T02:00:00.000Z',
      'open:2025-03-30T01:00:00.000Z',
    ],
    // Monday 09:00 is 09:00Z in winter and 08:00Z once summer time started.
    [
      'next opening crosses the change',
      '2025-03-30T12:00:00Z',
      'closed',
      '2025-03-31T08:00:00.000Z',
      null,
      'closed:2025-03-30T02:00:00.000Z',
    ],
    // Fall back 2025-10-26: 01:30 happens twice; the range runs from the first to 03:00 WET (2h30).
    ['fall back, first 01:30', '2025-10-26T00:30:00Z', 'open', null, '2025-10-26T03:00:00.000Z', 'open:2025-10-26T00:30:00.000Z'],
    ['fall back, second 01:xx', '2025-10-26T01:15:00Z', 'open', null, '2025-10-26T03:00:00.000Z', 'open:2025-10-26T00:30:00.000Z'],
    [
      'fall back, Monday opens at 09:00 WET',
      '2025-10-26T12:00:00Z',
      'closed',
      '2025-10-27T09:00:00.000Z',
      null,
      'closed:2025-10-26T03:00:00.000Z',
    ],
  ];
  it.each(rows)('%s (%s) → %s', (_name, now, state, opensAt, closesAt, periodKey) => {
    expect(status(night, now)).toEqual([state, opensAt, closesAt, periodKey]);
  });

  it('a range ending at the repeated 01:30 lasts until the second one', () => {
    const early = testSchedule({ timeZone: 'Europe/Lisbon', weekly: { sun: [{ start: '00:00', end: '01:30' }] } });
    expect(status(early, '2025-10-26T01:15:00Z')).toEqual(['open', null, '2025-10-26T01:30:00.000Z', 'open:2025-10-25T23:00:00.000Z']);
  });
});

describe('hoursStatus at the edges of the search', () => {
  it('never open: closed, no opening, an unbounded period', () => {
    expect(status(testSchedule({ weekly: {} }), '2025-06-02T13:00:00Z')).toEqual(['closed', null, null, 'closed:unbounded']);
  });

  it('always open: no closing in sight', () => {
    const day = [{ start: '00:00', end: '24:00' }];
    const always = testSchedule({ weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } });
    expect(status(always, '2025-06-02T13:00:00Z')).toEqual(['open', null, null, 'open:unbounded']);
  });

  it('an opening beyond 14 days is not found', () => {
    const far = testSchedule({ weekly: {}, exceptions: [{ date: '2025-06-30', ranges: [{ start: '08:00', end: '12:00' }] }] });
    expect(status(far, '2025-06-02T13:00:00Z')).toEqual(['closed', null, null, 'closed:unbounded']);
  });

  it('a closure longer than the look-back is keyed by its end', () => {
    const soon = testSchedule({ weekly: {}, exceptions: [{ date: '2025-06-05', ranges: [{ start: '08:00', end: '12:00' }] }] });
    expect(status(soon, '2025-06-02T13:00:00Z')).toEqual([
      'closed',
      '2025-06-05T11:00:00.000Z',
      null,
      'closed:until:2025-06-05T11:00:00.000Z',
    ]);
  });
});
