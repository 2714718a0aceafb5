import { describe, expect, it } from 'vitest';
import { effectiveSchedule } from './effectiveSchedule.js';
import { testSchedule } from './testSchedule.js';

const company = testSchedule({
  timeZone: 'Europe/Lisbon',
  weekly: { mon: [{ start: '09:00', end: '18:00' }] },
  holidays: [{ date: '12-25' }],
  exceptions: [
    { date: '2025-12-24', closed: true },
    { date: '2025-12-31', ranges: [{ start: '09:00', end: '12:00' }] },
  ],
});
const sales = testSchedule({
  weekly: { sat: [{ start: '10:00', end: '14:00' }] },
  holidays: [{ date: '2025-06-13' }],
  exceptions: [{ date: '2025-12-24', ranges: [{ start: '10:00', end: '13:00' }] }],
});

describe('effectiveSchedule', () => {
  it('no schedule at all: null (always open)', () => {
    expect(effectiveSchedule(undefined)).toBeNull();
    expect(effectiveSchedule(null, null)).toBeNull();
  });

  it('without an override: the company schedule', () => {
    expect(effectiveSchedule(company)).toBe(company);
  });

  it('a queue schedule alone applies as it is', () => {
    expect(effectiveSchedule(undefined, sales)).toBe(sales);
  });

  it('an override keeps the company time zone, holidays and other exceptions', () => {
    expect(effectiveSchedule(company, sales)).toEqual({
      timeZone: 'Europe/Lisbon',
      weekly: sales.weekly,
      holidays: [{ date: '12-25' }, { date: '2025-06-13' }],
      exceptions: [
        { date: '2025-12-31', ranges: [{ start: '09:00', end: '12:00' }] },
        { date: '2025-12-24', ranges: [{ start: '10:00', end: '13:00' }] },
      ],
    });
  });
});
