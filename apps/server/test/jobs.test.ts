import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createTestDatabase, testEnv, type TestDatabase } from './harness.js';

declare module '../src/infra/jobs.js' {
  interface JobPayloads {
    'test.delayed': { marker: string };
  }
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('durable jobs', () => {
  it('runs a delayed job once, after a restart of the server that scheduled it', async () => {
    const runs: string[] = [];
    const first = await bootServer(testEnv(database));
    await first.jobs.register('test.delayed', async ({ marker }) => {
      runs.push(`first:${marker}`);
    });
    const dueAt = Date.now() + 2500;
    await first.jobs.send('test.delayed', { marker: 'm1' }, { startAfter: new Date(dueAt) });
    await first.close();
    expect(runs).toEqual([]);

    const second = await bootServer(testEnv(database));
    try {
      await second.jobs.register('test.delayed', async ({ marker }) => {
        runs.push(`second:${marker}@${Date.now() >= dueAt ? 'due' : 'early'}`);
      });
      await expect.poll(() => runs.length, { timeout: 15_000, interval: 200 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(runs).toEqual(['second:m1@due']);
    } finally {
      await second.close();
    }
  });

  it('retries a failing job until it succeeds', async () => {
    const server = await bootServer(testEnv(database));
    try {
      let attempts = 0;
      await server.jobs.register(
        'test.delayed',
        async () => {
          attempts++;
          if (attempts < 3) throw new Error('transient');
        },
        { retryDelaySeconds: 1, retryLimit: 5 },
      );
      await server.jobs.send('test.delayed', { marker: 'retry' });
      await expect.poll(() => attempts, { timeout: 20_000, interval: 200 }).toBe(3);
    } finally {
      await server.close();
    }
  });
});
