import type { Schedule, ScheduleException } from './scheduleSchema.js';

/**
 * The schedule that applies to a queue. null means no schedule at all: always open.
 *
 * A queue's own schedule replaces the company's weekly hours, but it stays in the company's time
 * zone, and the company's holidays and exceptions still apply to it (Christmas closes every
 * queue) unless the queue lists an exception for the same date, which wins.
 */
export function effectiveSchedule(company: Schedule | null | undefined, queueOverride?: Schedule | null): Schedule | null {
  if (!queueOverride) return company ?? null;
  if (!company) return queueOverride;
  const queueDates = new Set(queueOverride.exceptions.map((exception) => exception.date));
  const exceptions: ScheduleException[] = [
    ...company.exceptions.filter((exception) => !queueDates.has(exception.date)),
    ...queueOverride.exceptions,
  ];
  return {
    timeZone: company.timeZone,
    weekly: queueOverride.weekly,
    exceptions,
    holidays: [...company.holidays, ...queueOverride.holidays],
  };
}
