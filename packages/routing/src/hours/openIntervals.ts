import { addDays, wallMsOf } from './localDates.js';
import { localTimeToInstant } from './localTimeToInstant.js';
import { rangesForDate } from './rangesForDate.js';
import { minutesOf, rangeLength } from './scheduleSchema.js';
import type { Schedule } from './scheduleSchema.js';

const MINUTE_MS = 60_000;

export interface OpenInterval {
  start: number;
  end: number;
  /** Local date the first merged range started on. */
  firstDay: string;
  /** Local date of the merged range that ends last; a gap is a break when it equals the next interval's firstDay. */
  lastDay: string;
}

/**
 * Open intervals (epoch ms, end exclusive) of the ranges starting on `days` local dates from
 * `firstDate`, sorted, with touching or overlapping ranges merged (Mon 20:00–24:00 and
 * Tue 00:00–06:00 are one open stretch).
 */
export function openIntervals(schedule: Schedule, firstDate: string, days: number): OpenInterval[] {
  const raw: OpenInterval[] = [];
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(firstDate, offset);
    const midnight = wallMsOf(date);
    for (const range of rangesForDate(schedule, date)) {
      const startWall = midnight + minutesOf(range.start) * MINUTE_MS;
      const start = localTimeToInstant(schedule.timeZone, startWall, 'first');
      const end = localTimeToInstant(schedule.timeZone, startWall + rangeLength(range) * MINUTE_MS, 'last');
      // A range lying wholly inside a skipped DST hour never happens.
      if (end > start) raw.push({ start, end, firstDay: date, lastDay: date });
    }
  }
  raw.sort((a, b) => a.start - b.start);

  const merged: OpenInterval[] = [];
  for (const interval of raw) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end >= last.end) {
        last.end = interval.end;
        last.lastDay = interval.lastDay;
      }
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}
