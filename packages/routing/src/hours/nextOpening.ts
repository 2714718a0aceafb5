import { toEpochMs } from '../toEpochMs.js';
import type { Instant } from '../toEpochMs.js';
import { hoursStatus } from './hoursStatus.js';
import type { Schedule } from './scheduleSchema.js';

/**
 * The earliest instant at or after `now` when the schedule is open: `now` itself while open,
 * null when no opening lies within the look-ahead. A job that surfaces callback requests can
 * use it as its `startAfter`.
 */
export function nextOpening(schedule: Schedule, now: Instant): Date | null {
  const status = hoursStatus(schedule, now);
  return status.state === 'open' ? new Date(toEpochMs(now)) : status.opensAt;
}
