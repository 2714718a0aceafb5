import type { DeliveryStatus } from './types.js';

export type TrackedStatus = 'pending' | DeliveryStatus;

const RANK: Record<Exclude<TrackedStatus, 'failed'>, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
};

/**
 * Whether `next` may overwrite `current`. Webhooks are at-least-once and unordered (a late `sent`
 * can arrive after `read`), so a stored status only ever moves forward.
 * `failed` beats anything not yet seen by the customer, but once read/played the message plainly
 * arrived. `failed` itself is final: a straggling `sent` must not hide a failure.
 */
export function isStatusForward(current: TrackedStatus, next: TrackedStatus): boolean {
  if (current === next) return false;
  if (current === 'failed') return false;
  if (next === 'failed') return RANK[current] <= RANK.delivered;
  return RANK[next] > RANK[current];
}
