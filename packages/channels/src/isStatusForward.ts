import type { DeliveryStatus } from './types.js';

export type TrackedStatus = 'pending' | DeliveryStatus;

/** The order statuses move in; the server's SQL ranks with the same table. */
export const STATUS_RANK: Readonly<Record<Exclude<TrackedStatus, 'failed'>, number>> = Object.freeze({
  pending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
});

/**
 * Whether `next` may overwrite `current`. Webhooks are at-least-once and unordered (a late `sent`
 * can arrive after `read`), so a stored status only ever moves forward.
 * `failed` beats anything not yet seen by the customer, but once read/played the message plainly
 * arrived. `failed` itself is final: a straggling `sent` must not hide a failure.
 */
export function isStatusForward(current: TrackedStatus, next: TrackedStatus): boolean {
  if (current === next) return false;
  if (current === 'failed') return false;
  if (next === 'failed') return STATUS_RANK[current] <= STATUS_RANK.delivered;
  return STATUS_RANK[next] > STATUS_RANK[current];
}
