import { hoursStatus } from '../hours/hoursStatus.js';
import type { Schedule } from '../hours/scheduleSchema.js';
import type { RouteEffect, RouteInput } from './types.js';

/**
 * Whether the queue (or, with queueId null, the company) is open now, and when it is not, the
 * closed or break message — once per period, as told by `lastOutOfHoursPeriodKey`.
 */
export function outOfHoursEffects(
  schedule: Schedule | null,
  input: RouteInput,
  queueId: string | null,
): { open: boolean; effects: RouteEffect[] } {
  if (!schedule) return { open: true, effects: [] };
  const status = hoursStatus(schedule, input.now);
  const state = status.state;
  if (state === 'open') return { open: true, effects: [] };
  if (status.periodKey === input.lastOutOfHoursPeriodKey) return { open: false, effects: [] };

  const { closedMessage, breakMessage, offerCallback } = input.settings.outOfHours;
  const effects: RouteEffect[] = [{ type: 'send-text', text: state === 'break' ? breakMessage : closedMessage, reason: state }];
  if (offerCallback) effects.push({ type: 'offer-callback', queueId, opensAt: status.opensAt });
  effects.push({
    type: 'record-event',
    event: { kind: 'out-of-hours-notified', queueId, state, periodKey: status.periodKey, opensAt: status.opensAt },
  });
  return { open: false, effects };
}
