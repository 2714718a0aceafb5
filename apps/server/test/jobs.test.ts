import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createTestDatabase, testEnv, type TestDatabase } from './harness.js';

declare module '../src/infra/jobs.js' {
  interface JobPayloads {
    'test.delayed': { marker: string };
    'test.concurrent': { marker: string };
  }
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

// Each test boots whole servers twice (migrations, job schema, queues): on a loaded 2-core machine
// that alone can pass the default 30 s.
describe('durable jobs', { timeout: 90_000 }, () => {
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

  it('with concurrency, a job starts while another is still running, and each completes on its own', async () => {
    const server = await bootServer(testEnv(database));
    try {
      const started: string[] = [];
      let releaseSlow!: () => void;
      const slowMayEnd = new Promise<void>((resolve) => (releaseSlow = resolve));
      await server.jobs.register(
        'test.concurrent',
        async ({ marker }) => {
          started.push(marker);
          if (marker === 'slow') await slowMayEnd;
        },
        { concurrency: 2, pollingIntervalSeconds: 30 },
      );
      // No poll within the test: only the wake-up of send() can start them.
      await server.jobs.send('test.concurrent', { marker: 'slow' });
      await expect.poll(() => started, { timeout: 10_000, interval: 50 }).toEqual(['slow']);
      await server.jobs.send('test.concurrent', { marker: 'fast' });
      await expect.poll(() => started, { timeout: 10_000, interval: 50 }).toEqual(['slow', 'fast']);
      const states = async () =>
        (
          await server.database.pool.query<{ marker: string; state: string }>(
            `select data->>'marker' as marker, state from pgboss.job where name = 'test.concurrent' order by data->>'marker'`,
          )
        ).rows;
      await expect.poll(states, { timeout: 10_000, interval: 100 }).toEqual([
        { marker: 'fast', state: 'completed' },
        { marker: 'slow', state: 'active' },
      ]);
      releaseSlow();
      await expect.poll(states, { timeout: 10_000, interval: 100 }).toEqual([
        { marker: 'fast', state: 'completed' },
        { marker: 'slow', state: 'completed' },
      ]);
    } finally {
      await server.close();
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
