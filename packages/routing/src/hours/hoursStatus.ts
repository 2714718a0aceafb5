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

const DAY_MS = 86_400_000;
// Most answers lie within a couple of days; widening step by step saves building a month of ranges.
const WINDOWS = [2, 6, SEARCH_DAYS + 1];

/**
 * The status seen through a window of `days` local days each side of today. Unless `final`, null
 * when the answer may depend on what lies outside the window: an open stretch or a closed period
 * whose start is within a day of the window's start (a range from the day before could reach into
 * it) or whose end is the window's end.
 */
export function statusWithin(schedule: Schedule, nowMs: number, days: number, final: true): HoursStatus;
export function statusWithin(schedule: Schedule, nowMs: number, days: number, final: boolean): HoursStatus | null;
export function statusWithin(schedule: Schedule, nowMs: number, days: number, final: boolean): HoursStatus | null {
  const today = localDateOf(nowMs, schedule.timeZone);
  const firstDate = addDays(today, -days);
  const count = 2 * days + 1;
  const windowStart = localTimeToInstant(schedule.timeZone, wallMsOf(firstDate), 'first');
  const windowEnd = localTimeToInstant(schedule.timeZone, wallMsOf(addDays(firstDate, count)), 'first');
  const intervals = openIntervals(schedule, firstDate, count);

  const current = intervals.find((interval) => interval.start <= nowMs && nowMs < interval.end);
  if (current) {
    const start = current.start <= windowStart ? null : current.start;
    const end = current.end >= windowEnd ? null : current.end;
    if (!final && (current.start <= windowStart + DAY_MS || end === null)) return null;
    return { state: 'open', periodKey: periodKey('open', start, end), opensAt: null, closesAt: end === null ? null : new Date(end) };
  }

  const previous = intervals.filter((interval) => interval.end <= nowMs).at(-1);
  const next = intervals.find((interval) => interval.start > nowMs);
  if (!final && (!previous || previous.end <= windowStart + DAY_MS || !next)) return null;
  const state: HoursState = previous && next && previous.lastDay === next.firstDay ? 'break' : 'closed';
  const start = previous?.end ?? null;
  const end = next?.start ?? null;
  return { state, periodKey: periodKey(state, start, end), opensAt: end === null ? null : new Date(end), closesAt: null };
}

export function hoursStatus(schedule: Schedule, now: Instant): HoursStatus {
  const nowMs = toEpochMs(now);
  for (const days of WINDOWS.slice(0, -1)) {
    const status = statusWithin(schedule, nowMs, days, false);
    if (status) return status;
  }
  return statusWithin(schedule, nowMs, SEARCH_DAYS + 1, true);
}
