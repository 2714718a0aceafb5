import type pg from 'pg';
import type { Queryable } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';

export interface PresenceOptions {
  pool: pg.Pool;
  events: EventBus;
  logger: Logger;
  nodeId: string;
  /** How often this node refreshes its rows (default 20 s). */
  heartbeatMs?: number;
}

/**
 * Rows older than this count as offline: their node stopped refreshing them (it crashed, or lost
 * the database) and nobody else knows whether those sockets still exist. Three missed heartbeats.
 */
const PRESENCE_STALE_SECONDS = 60;

/**
 * Who is online for assignment: a user with at least one socket open on any node. Each node keeps
 * one `agent_presence` row per user it holds sockets for, with the count, and refreshes `seen_at`;
 * the database is the only place every node can read, so round-robin on one node skips an agent
 * whose browser is connected to another.
 */
export class PresenceService {
  /** Sockets per user on this node; the rows mirror it. */
  private readonly local = new Map<number, { companyId: number; sockets: number }>();
  /** Writes in the order the sockets came and went, so a fast connect + disconnect ends as "gone". */
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly log: Logger;

  constructor(private readonly options: PresenceOptions) {
    this.log = options.logger.child({ component: 'presence' });
  }

  /** Clears what a previous run under the same node id left (its sockets died with it), then beats. */
  async start(): Promise<void> {
    await this.options.pool.query('delete from agent_presence where node_id = $1', [this.options.nodeId]);
    this.timer = setInterval(() => this.enqueue(() => this.heartbeat()), this.options.heartbeatMs ?? 20_000);
    this.timer.unref();
  }

  connected(companyId: number, userId: number): void {
    const entry = this.local.get(userId) ?? { companyId, sockets: 0 };
    entry.sockets += 1;
    this.local.set(userId, entry);
    const cameOnline = entry.sockets === 1;
    this.enqueue(async () => {
      await this.write(userId);
      if (cameOnline) this.options.events.publish('user.online', { companyId, userId });
    });
  }

  disconnected(userId: number): void {
    const entry = this.local.get(userId);
    if (!entry) return;
    entry.sockets -= 1;
    if (entry.sockets <= 0) this.local.delete(userId);
    this.enqueue(() => this.write(userId));
  }

  /** The users among `userIds` with a socket open on some live node; reads through the caller's `q`. */
  async onlineUserIds(q: Queryable, companyId: number, userIds: readonly number[]): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    const { rows } = await q.query<{ user_id: string | number }>(
      `select distinct user_id from agent_presence
        where company_id = $1 and user_id = any($2::bigint[]) and sockets > 0
          and seen_at > now() - make_interval(secs => $3)`,
      [companyId, userIds, PRESENCE_STALE_SECONDS],
    );
    return new Set(rows.map((row) => Number(row.user_id)));
  }

  /** Waits for pending writes and removes this node's rows: its sockets are gone. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.local.clear();
    await this.chain;
    await this.options.pool.query('delete from agent_presence where node_id = $1', [this.options.nodeId]).catch((error: unknown) => {
      this.log.warn({ err: error }, 'could not clear presence rows');
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => this.log.error({ err: error }, 'presence write failed'));
  }

  /** Writes the user's current count (read now, not when queued), deleting the row at zero. */
  private async write(userId: number): Promise<void> {
    const entry = this.local.get(userId);
    if (!entry) {
      await this.options.pool.query('delete from agent_presence where user_id = $1 and node_id = $2', [userId, this.options.nodeId]);
      return;
    }
    await this.options.pool.query(
      `insert into agent_presence (user_id, node_id, company_id, sockets, seen_at) values ($1, $2, $3, $4, now())
       on conflict (user_id, node_id) do update set sockets = excluded.sockets, seen_at = now()`,
      [userId, this.options.nodeId, entry.companyId, entry.sockets],
    );
  }

  private async heartbeat(): Promise<void> {
    const users = [...this.local.entries()];
    if (users.length === 0) return;
    // Re-inserting (not just touching) also restores a row someone cleaned up as stale while this node was slow.
    await this.options.pool.query(
      `insert into agent_presence (user_id, node_id, company_id, sockets, seen_at)
       select u, $1, c, s, now() from unnest($2::bigint[], $3::bigint[], $4::int[]) as x(u, c, s)
       on conflict (user_id, node_id) do update set sockets = excluded.sockets, seen_at = now()`,
      [this.options.nodeId, users.map(([id]) => id), users.map(([, e]) => e.companyId), users.map(([, e]) => e.sockets)],
    );
  }
}
