import { describe, expect, it } from 'vitest';
import { KeyedLanes } from './keyed-lanes.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedLanes', () => {
  it('keeps one key in order, even when an earlier job is slower or fails, and runs other keys alongside', async () => {
    const lanes = new KeyedLanes();
    const seen: string[] = [];
    const job =
      (name: string, ms: number, fail = false) =>
      async () => {
        seen.push(`${name}:start`);
        await tick(ms);
        seen.push(`${name}:end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([lanes.run(1, job('a1', 30, true)), lanes.run(1, job('a2', 1)), lanes.run(2, job('b1', 5))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    // a2 starts only after a1 ended (though a1 failed); b1 did not wait for a1.
    expect(seen.indexOf('a2:start')).toBeGreaterThan(seen.indexOf('a1:end'));
    expect(seen.indexOf('b1:end')).toBeLessThan(seen.indexOf('a1:end'));
    await tick(0);
    expect(lanes.size).toBe(0);
  });
});
