import { DateTime } from 'luxon';
import type { Weekday } from './scheduleSchema.js';

// Local calendar dates are handled as 'YYYY-MM-DD' strings, and wall-clock times as "wall ms":
// the local date-time read as if it were UTC. Only localTimeToInstant turns them into real instants.

const DAY_MS = 86_400_000;
const WEEKDAYS_FROM_SUNDAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function localDateOf(epochMs: number, timeZone: string): string {
  return DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat('yyyy-MM-dd');
}

export function wallMsOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function addDays(date: string, days: number): string {
  return new Date(wallMsOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  const weekday = WEEKDAYS_FROM_SUNDAY[new Date(wallMsOf(date)).getUTCDay()];
  if (weekday === undefined) throw new Error(`not a date: ${date}`);
  return weekday;
}
