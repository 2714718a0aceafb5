import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight; `24:00` is 1440 so a range can end exactly at midnight. */
export function minutesOf(time: string): number {
  if (time === '24:00') return 1440;
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

const startTime = z.string().regex(CLOCK, { message: 'expected HH:mm between 00:00 and 23:59' });
const endTime = z.string().refine((value) => value === '24:00' || CLOCK.test(value), {
  message: 'expected HH:mm between 00:00 and 24:00',
});

const timeRangeSchema = z.object({ start: startTime, end: endTime }).refine((range) => range.start !== range.end, {
  message: 'end must differ from start (a whole day is 00:00–24:00)',
  path: ['end'],
});
export type TimeRange = z.output<typeof timeRangeSchema>;

/** Length in minutes from the start; an end not after the start runs into the next day. */
export function rangeLength(range: TimeRange): number {
  const start = minutesOf(range.start);
  const end = minutesOf(range.end);
  return end > start ? end - start : end + 1440 - start;
}

const dayRangesSchema = z.array(timeRangeSchema).superRefine((ranges, ctx) => {
  const order = ranges.map((range, index) => ({ index, start: minutesOf(range.start), end: minutesOf(range.start) + rangeLength(range) }));
  order.sort((a, b) => a.start - b.start);
  for (let i = 1; i < order.length; i++) {
    const previous = order[i - 1];
    const current = order[i];
    if (previous && current && current.start < previous.end) {
      ctx.addIssue({ code: 'custom', message: `overlaps range ${previous.index}`, path: [current.index] });
    }
  }
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected YYYY-MM-DD' })
  .refine((value) => DateTime.fromISO(value).isValid, { message: 'not a calendar date' });

// A leap year accepts 02-29 for yearly holidays.
const holidayDate = z
  .string()
  .regex(/^(\d{4}-)?\d{2}-\d{2}$/, { message: 'expected YYYY-MM-DD, or MM-DD for every year' })
  .refine((value) => DateTime.fromISO(value.length === 5 ? `2024-${value}` : value).isValid, { message: 'not a calendar date' });

const holidaySchema = z.object({ date: holidayDate, name: z.string().optional() });
export type Holiday = z.output<typeof holidaySchema>;

export type ScheduleException = { date: string; note?: string } & ({ closed: true } | { ranges: TimeRange[] });

const exceptionSchema = z
  .object({
    date: isoDate,
    closed: z.boolean().optional(),
    ranges: dayRangesSchema.optional(),
    note: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.closed === true && value.ranges !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'a closed day has no ranges', path: ['ranges'] });
    }
    if (value.closed !== true && value.ranges === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give either closed: true or ranges', path: ['ranges'] });
    }
  })
  .transform((value): ScheduleException => {
    const note = value.note === undefined ? {} : { note: value.note };
    return value.ranges === undefined ? { date: value.date, closed: true, ...note } : { date: value.date, ranges: value.ranges, ...note };
  });

const weeklySchema = z.object({
  mon: dayRangesSchema.default([]),
  tue: dayRangesSchema.default([]),
  wed: dayRangesSchema.default([]),
  thu: dayRangesSchema.default([]),
  fri: dayRangesSchema.default([]),
  sat: dayRangesSchema.default([]),
  sun: dayRangesSchema.default([]),
});

export const scheduleSchema = z
  .object({
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), { message: 'unknown IANA time zone' })
      .default(DEFAULT_TIME_ZONE),
    weekly: weeklySchema,
    exceptions: z.array(exceptionSchema).default([]),
    holidays: z.array(holidaySchema).default([]),
  })
  .superRefine((schedule, ctx) => {
    const seen = new Set<string>();
    schedule.exceptions.forEach((exception, index) => {
      if (seen.has(exception.date)) ctx.addIssue({ code: 'custom', message: 'date listed twice', path: ['exceptions', index, 'date'] });
      seen.add(exception.date);
    });
  });

/** A validated schedule (defaults applied); build one with `parseSchedule`. */
export type Schedule = z.output<typeof scheduleSchema>;
/** What an admin form or a settings row holds before validation. */
export type ScheduleInput = z.input<typeof scheduleSchema>;
