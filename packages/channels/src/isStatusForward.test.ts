import { describe, expect, it } from 'vitest';
import { isStatusForward } from './isStatusForward.js';
import type { TrackedStatus } from './isStatusForward.js';

const cases: Array<[TrackedStatus, TrackedStatus, boolean]> = [
  ['pending', 'sent', true],
  ['sent', 'delivered', true],
  ['sent', 'read', true], // read can arrive without a separate delivered
  ['delivered', 'read', true],
  ['read', 'played', true],
  ['delivered', 'sent', false], // late, out-of-order webhook
  ['read', 'delivered', false],
  ['played', 'read', false],
  ['sent', 'sent', false],
  ['read', 'read', false],
  ['pending', 'failed', true],
  ['sent', 'failed', true],
  ['delivered', 'failed', true],
  ['read', 'failed', false],
  ['played', 'failed', false],
  ['failed', 'failed', false],
  ['failed', 'sent', false],
  ['failed', 'delivered', false],
];

describe('isStatusForward', () => {
  it.each(cases)('%s → %s is %s', (current, next, expected) => {
    expect(isStatusForward(current, next)).toBe(expected);
  });
});
