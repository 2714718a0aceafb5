import type { WebSession } from '@jimmy/channels';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import type { ConnectionRow, ConnectionsService } from '../connections/index.js';
import { ingestConnectionOf, type IngestConnection } from '../ingest/index.js';
import type { LeaseRepository } from './leases.js';
import type { WaMessageStore } from './wa-messages.store.js';

export interface Running {
  session: WebSession;
  /** What ingest needs of the connection; kept current by lease renewals and local updates. */
  target: IngestConnection;
}

export interface SupervisorOptions {
  leases: LeaseRepository;
  store: WaMessageStore;
  connections: ConnectionsService;
  events: EventBus;
  log: Logger;
  leaseMs: number;
  /** Builds the session of a connection this node just claimed; `stop` ends it from inside. */
  open(row: ConnectionRow, target: IngestConnection, stop: (reason: string) => void): WebSession;
}

const CLAIMS_PER_TICK = 10;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Which QR connections this process runs. Ownership is a PostgreSQL lease (see leases.ts): each
 * tick renews what runs here, stops what was lost, deleted or unwanted, and claims what nobody runs.
 */
export class LeaseSupervisor {
  private readonly running = new Map<number, Running>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private lastRenewedAt = Date.now();
  private lastPrunedAt = 0;
  private closed = false;
  private afterStart: (connectionId: number) => Promise<void> = async () => undefined;

  constructor(private readonly options: SupervisorOptions) {}

  /** The session of a connection when this node runs it. */
  get(connectionId: number): Running | undefined {
    return this.running.get(connectionId);
  }

  /** `afterStart` runs once a claimed session has started (the pending sends a dead owner left). */
  start(afterStart: (connectionId: number) => Promise<void>): void {
    this.afterStart = afterStart;
    this.options.events.subscribe('connection.updated', ({ connection }) => {
      if (connection.type !== 'whatsapp_web') return;
      const running = this.running.get(connection.id);
      // A connection running here changed its settings; any other may now want a session (created, reconnect).
      if (running)
        Object.assign(running.target, { defaultQueueId: connection.defaultQueueId, reopenWindowMinutes: connection.reopenWindowMinutes });
      else this.poke();
    });
    this.timer = setInterval(() => this.poke(), Math.max(250, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
    this.poke();
  }

  /** Stops this node's sockets and hands their leases back, so another node resumes them at once. */
  async stop(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.ticking;
    for (const [connectionId, { session, target }] of this.running) {
      await session.stop().catch(() => undefined);
      await this.options.leases.release(connectionId).catch(() => undefined);
      // Until a node picks it up again nothing serves it: say so rather than keep showing "open".
      await this.options.connections
        .setHealth(target.companyId, connectionId, { status: 'connecting', lastError: null })
        .catch(() => undefined);
    }
    this.running.clear();
  }

  /** Renew, drop and claim now instead of at the next interval; concurrent pokes coalesce. */
  poke(): void {
    if (this.closed) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((error: unknown) => this.options.log.error({ err: error }, 'lease tick failed'))
      .finally(() => {
        this.ticking = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async tick(): Promise<void> {
    const { leases } = this.options;
    const held = [...this.running.keys()];
    try {
      const renewed = await leases.renew(held);
      this.lastRenewedAt = Date.now();
      const kept = new Map(renewed.map((r) => [r.connectionId, r]));
      for (const connectionId of held) {
        const lease = kept.get(connectionId);
        if (!lease) await this.drop(connectionId, 'lease lost');
        else if (lease.deleted) await this.drop(connectionId, 'deleted', { logout: true });
        else if (!lease.wanted) await this.drop(connectionId, 'no longer wanted');
        else
          Object.assign(this.running.get(connectionId)!.target, {
            defaultQueueId: lease.defaultQueueId,
            reopenWindowMinutes: lease.reopenWindowMinutes,
          });
      }
    } catch (error) {
      // Without a renewal another node may take over after the TTL: stop first, never run two sockets.
      // Ticks come every third of the lease: at half of it, stop, while the lease is still ours.
      if (Date.now() - this.lastRenewedAt > this.options.leaseMs * 0.5) {
        for (const connectionId of held) await this.drop(connectionId, 'lease could not be renewed', { keepLease: true });
      }
      throw error;
    }
    if (this.closed) return;
    const claimed = await leases.claim(CLAIMS_PER_TICK, [...this.running.keys()]);
    for (const { connectionId, companyId } of claimed) await this.run(connectionId, companyId);
    if (Date.now() - this.lastPrunedAt > PRUNE_EVERY_MS && this.running.size > 0) {
      this.lastPrunedAt = Date.now();
      await this.options.store.prune([...this.running.keys()]);
    }
  }

  private async run(connectionId: number, companyId: number) {
    const row = await this.options.connections.getRow(companyId, connectionId).catch(() => undefined);
    if (!row) return this.options.leases.release(connectionId);
    const target = ingestConnectionOf(row);
    const session = this.options.open(row, target, (reason) => setImmediate(() => void this.drop(connectionId, reason)));
    this.running.set(connectionId, { session, target });
    this.options.log.info({ connectionId }, 'running whatsapp web connection');
    try {
      await session.start();
    } catch (error) {
      // Could not even load its keys: give the lease back so this or another node tries again.
      await this.drop(connectionId, 'start failed');
      throw error;
    }
    await this.afterStart(connectionId);
  }

  async drop(connectionId: number, reason: string, how: { logout?: boolean; keepLease?: boolean } = {}) {
    const running = this.running.get(connectionId);
    if (!running) return;
    this.running.delete(connectionId);
    this.options.log.info({ connectionId, reason }, 'stopping whatsapp web connection');
    if (how.logout) await running.session.logout().catch(() => undefined);
    else await running.session.stop().catch(() => undefined);
    if (!how.keepLease) await this.options.leases.release(connectionId).catch(() => undefined);
  }
}
