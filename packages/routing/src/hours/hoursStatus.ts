import { toEpochMs } from '../toEpochMs.js';
import type { Instant } from '../toEpochMs.js';
import { addDays, localDateOf, wallMsOf } from './localDates.js';
import { localTimeToInstant } from './localTimeToInstant.js';
import { openIntervals } from './openIntervals.js';
import type { Schedule } from './scheduleSchema.js';

export type HoursState = 'open' | 'break' | 'closed';

export interface HoursStatus {
  state: HoursState;
  /**
   * Names the current open, break or closed period and stays the same for every `now` inside it,
   * so the caller can send one out-of-hours message per customer per period. Normally
   * `<state>:<ISO start>`; `<state>:until:<ISO end>` when the start lies beyond the look-back, and
   * `<state>:unbounded` when neither end is within reach.
   */
  periodKey: string;
  /** Next opening when not open (null if none within the look-ahead); null while open. */
  opensAt: Date | null;
  /** End of the current open period (null if it lasts beyond the look-ahead); null when not open. */
  closesAt: Date | null;
}

/** How far hoursStatus looks back for a period's start and ahead for the next opening or closing. */
export const SEARCH_DAYS = 14;

function periodKey(state: HoursState, start: number | null, end: number | null): string {
  if (start !== null) return `${state}:${new Date(start).toISOString()}`;
  if (end !== null) return `${state}:until:${new Date(end).toISOString()}`;
  return `${state}:unbounded`;
}

export function hoursStatus(schedule: Schedule, now: Instant): HoursStatus {
  const nowMs = toEpochMs(now);
  const today = localDateOf(nowMs, schedule.timeZone);
  // One extra day each side: yesterday's overnight range may still be open, and an interval
  // touching the window's edge may continue past it, so its end there is not a real end.
  const firstDate = addDays(today, -SEARCH_DAYS - 1);
  const days = 2 * SEARCH_DAYS + 3;
  const windowStart = localTimeToInstant(schedule.timeZone, wallMsOf(firstDate), 'first');
  const windowEnd = localTimeToInstant(schedule.timeZone, wallMsOf(addDays(firstDate, days)), 'first');
  const intervals = openIntervals(schedule, firstDate, days);

  const current = intervals.find((interval) => interval.start <= nowMs && nowMs < interval.end);
  if (current) {
    const start = current.start <= windowStart ? null : current.start;
    const end = current.end >= windowEnd ? null : current.end;
    return { state: 'open', periodKey: periodKey('open', start, end), opensAt: null, closesAt: end === null ? null : new Date(end) };
  }

  const previous = intervals.filter((interval) => interval.end <= nowMs).at(-1);
  const next = intervals.find((interval) => interval.start > nowMs);
  const state: HoursState = previous && next && previous.lastDay === next.firstDay ? 'break' : 'closed';
  const start = previous?.end ?? null;
  const end = next?.start ?? null;
  return { state, periodKey: periodKey(state, start, end), opensAt: end === null ? null : new Date(end), closesAt: null };
}
