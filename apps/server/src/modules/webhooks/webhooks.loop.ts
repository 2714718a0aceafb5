import type pg from 'pg';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import { initRelayCursor, relayOnce } from './webhooks.relay.js';

/** A nudge waits this long for more changes, so a burst becomes one relay pass. */
const NUDGE_DELAY_MS = 30;

/**
 * Runs the relay every `intervalMs`, sooner when nudged. Its state is the cursor row in the database,
 * so a restart resumes where it stopped and several nodes take turns (the row is locked per pass).
 */
export class RelayLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  /** A short timer is already set: later nudges ride on it (resetting it would starve a busy system). */
  private soon = false;

  constructor(private readonly deps: { pool: pg.Pool; jobs: Jobs; logger: Logger; intervalMs: number }) {}

  async start(): Promise<void> {
    await initRelayCursor(this.deps.pool);
    this.schedule(this.deps.intervalMs);
  }

  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.soon) return;
    this.soon = true;
    this.schedule(NUDGE_DELAY_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), delayMs);
  }

  private async pass(): Promise<void> {
    this.timer = null;
    this.again = false;
    this.soon = false;
    this.running = (async () => {
      try {
        const touched = await relayOnce(this.deps.pool, this.deps.jobs);
        if (touched.length > 0) this.deps.jobs.nudge('webhooks.pump');
      } catch (error) {
        this.deps.logger.error({ err: error }, 'webhook relay pass failed');
      }
    })();
    await this.running;
    this.running = null;
    this.soon = this.again;
    this.schedule(this.again ? NUDGE_DELAY_MS : this.deps.intervalMs);
  }
}
