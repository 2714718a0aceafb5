import { DateTime } from 'luxon';

export type RepeatEvery = 'day' | 'week' | 'month';

/**
 * A repetition as stored: what the agent asked for, plus the anchor the occurrences are counted
 * from. Counting from an anchor (not from the previous send) keeps "every month on the 31st" on the
 * 31st after a short month, and keeps the wall-clock time across a DST change.
 */
export interface StoredRepeat {
  every: RepeatEvery;
  /** Total sends including the first. */
  times?: number;
  /** Last local date (YYYY-MM-DD, company time zone) a send may fall on. */
  until?: string;
  /** The send time of occurrence `anchorOccurrence`. */
  anchor: string;
  anchorOccurrence: number;
}

export interface RepeatClock {
  timeZone: string;
  /**
   * Test seam (SCHEDULE_REPEAT_UNIT_MS): a "day" lasts this many milliseconds (a week 7 of them, a
   * month 30) instead of calendar arithmetic, so a test sees a daily repetition in seconds.
   */
  unitMs?: number;
}

const unitsPer: Record<RepeatEvery, number> = { day: 1, week: 7, month: 30 };

/** When occurrence `occurrence` of a repetition is due, or null once the repetition has ended. */
export function occurrenceAt(repeat: StoredRepeat, occurrence: number, clock: RepeatClock): Date | null {
  const steps = occurrence - repeat.anchorOccurrence;
  if (repeat.times !== undefined && occurrence >= repeat.times) return null;
  const anchor = DateTime.fromISO(repeat.anchor, { zone: clock.timeZone });
  if (!anchor.isValid) return null;
  const at = clock.unitMs
    ? anchor.plus({ milliseconds: steps * unitsPer[repeat.every] * clock.unitMs })
    : anchor.plus(repeat.every === 'day' ? { days: steps } : repeat.every === 'week' ? { weeks: steps } : { months: steps });
  if (repeat.until !== undefined && at.setZone(clock.timeZone).toISODate()! > repeat.until) return null;
  return at.toJSDate();
}

/** The stored form of a requested repetition whose occurrence `occurrence` is due at `sendAt`. */
export function anchorRepeat(
  request: { every: RepeatEvery; times?: number | undefined; until?: string | undefined },
  sendAt: Date,
  occurrence: number,
): StoredRepeat {
  return {
    every: request.every,
    ...(request.times !== undefined && { times: request.times }),
    ...(request.until !== undefined && { until: request.until }),
    anchor: sendAt.toISOString(),
    anchorOccurrence: occurrence,
  };
}

/** The local calendar date of an instant in the company's zone (to check `until` against the first send). */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}
