import { weekdayOf } from './localDates.js';
import type { Schedule, TimeRange } from './scheduleSchema.js';

/** The ranges that start on a local date: an exception wins over a holiday, which wins over the week. */
export function rangesForDate(schedule: Schedule, date: string): TimeRange[] {
  const exception = schedule.exceptions.find((candidate) => candidate.date === date);
  if (exception) return 'ranges' in exception ? exception.ranges : [];
  const monthDay = date.slice(5);
  if (schedule.holidays.some((holiday) => holiday.date === date || holiday.date === monthDay)) return [];
  return schedule.weekly[weekdayOf(date)];
}
