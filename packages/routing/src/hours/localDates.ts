import { DateTime } from 'luxon';
import type { Weekday } from './scheduleSchema.js';

// Local calendar dates are handled as 'YYYY-MM-DD' strings, and wall-clock times as "wall ms":
// the local date-time read as if it were UTC. Only localTimeToInstant turns them into real instants.

const DAY_MS = 86_400_000;
const LUXON_WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function localDateOf(epochMs: number, timeZone: string): string {
  return DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat('yyyy-MM-dd');
}

export function wallMsOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'utc' }).toMillis();
}

export function addDays(date: string, days: number): string {
  return DateTime.fromMillis(wallMsOf(date) + days * DAY_MS, { zone: 'utc' }).toFormat('yyyy-MM-dd');
}

export function weekdayOf(date: string): Weekday {
  const weekday = LUXON_WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday - 1];
  if (weekday === undefined) throw new Error(`not a date: ${date}`);
  return weekday;
}
