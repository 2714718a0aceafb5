import { describe, expect, it } from 'vitest';
import { parseSchedule } from './parseSchedule.js';

const monday = (ranges: unknown) => ({ weekly: { mon: ranges } });

const invalid: Array<[string, unknown, string]> = [
  ['not an object', null, ''],
  ['weekly missing', { timeZone: 'America/Sao_Paulo' }, 'weekly'],
  ['unknown time zone', { timeZone: 'Mars/Olympus', weekly: {} }, 'timeZone'],
  ['start without leading zero', monday([{ start: '8:00', end: '12:00' }]), 'weekly.mon.0.start'],
  ['start at 24:00', monday([{ start: '24:00', end: '02:00' }]), 'weekly.mon.0.start'],
  ['end past 24:00', monday([{ start: '08:00', end: '24:01' }]), 'weekly.mon.0.end'],
  ['minutes out of range', monday([{ start: '08:60', end: '12:00' }]), 'weekly.mon.0.start'],
  ['empty range', monday([{ start: '08:00', end: '08:00' }]), 'weekly.mon.0.end'],
  [
    'overlapping ranges',
    monday([
      { start: '08:00', end: '12:00' },
      { start: '11:00', end: '13:00' },
    ]),
    'weekly.mon.1',
  ],
  [
    'overlap listed out of order',
    monday([
      { start: '11:00', end: '13:00' },
      { start: '08:00', end: '12:00' },
    ]),
    'weekly.mon.0',
  ],
  [
    'range inside an overnight one',
    monday([
      { start: '22:00', end: '02:00' },
      { start: '23:00', end: '23:30' },
    ]),
    'weekly.mon.1',
  ],
  ['exception on no calendar date', { weekly: {}, exceptions: [{ date: '2025-02-30', closed: true }] }, 'exceptions.0.date'],
  ['exception date format', { weekly: {}, exceptions: [{ date: '30/12/2025', closed: true }] }, 'exceptions.0.date'],
  ['exception neither closed nor ranges', { weekly: {}, exceptions: [{ date: '2025-12-24' }] }, 'exceptions.0.ranges'],
  [
    'exception both closed and ranges',
    { weekly: {}, exceptions: [{ date: '2025-12-24', closed: true, ranges: [{ start: '08:00', end: '12:00' }] }] },
    'exceptions.0.ranges',
  ],
  [
    'exception with a bad range',
    { weekly: {}, exceptions: [{ date: '2025-12-24', ranges: [{ start: '08:00' }] }] },
    'exceptions.0.ranges.0.end',
  ],
  [
    'exception date twice',
    {
      weekly: {},
      exceptions: [
        { date: '2025-12-24', closed: true },
        { date: '2025-12-24', closed: true },
      ],
    },
    'exceptions.1.date',
  ],
  ['yearly holiday on no calendar date', { weekly: {}, holidays: [{ date: '02-30' }] }, 'holidays.0.date'],
  ['holiday date format', { weekly: {}, holidays: [{ date: 'natal' }] }, 'holidays.0.date'],
];

describe('parseSchedule', () => {
  it.each(invalid)('rejects %s, naming the field', (_name, input, field) => {
    const result = parseSchedule(input);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.errors.map((error) => error.field)).toContain(field);
  });

  it('applies defaults: São Paulo, closed days, no exceptions or holidays', () => {
    expect(parseSchedule({ weekly: { mon: [{ start: '08:00', end: '18:00' }] } })).toEqual({
      kind: 'schedule',
      schedule: {
        timeZone: 'America/Sao_Paulo',
        weekly: { mon: [{ start: '08:00', end: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        exceptions: [],
        holidays: [],
      },
    });
  });

  it('accepts overnight ranges, 24:00 ends, yearly and dated holidays, closed and special days', () => {
    const result = parseSchedule({
      timeZone: 'Europe/Lisbon',
      weekly: {
        fri: [
          { start: '18:00', end: '23:00' },
          { start: '23:30', end: '03:00' },
        ],
        sat: [{ start: '00:00', end: '24:00' }],
      },
      exceptions: [
        { date: '2025-12-24', ranges: [{ start: '08:00', end: '12:00' }], note: 'véspera de Natal' },
        { date: '2025-12-31', closed: true },
      ],
      holidays: [{ date: '12-25', name: 'Natal' }, { date: '2025-03-04', name: 'Carnaval' }, { date: '02-29' }],
    });
    expect(result.kind).toBe('schedule');
    if (result.kind === 'schedule') {
      expect(result.schedule.exceptions).toEqual([
        { date: '2025-12-24', ranges: [{ start: '08:00', end: '12:00' }], note: 'véspera de Natal' },
        { date: '2025-12-31', closed: true },
      ]);
    }
  });
});
