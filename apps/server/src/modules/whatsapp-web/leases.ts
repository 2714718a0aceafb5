import type pg from 'pg';

export interface RenewedLease {
  connectionId: number;
  companyId: number;
  /** The connection was deleted, or should no longer run: stop it. */
  deleted: boolean;
  wanted: boolean;
  /** Read along with the renewal, so a running session follows settings changed on any node. */
  defaultQueueId: number | null;
  reopenWindowMinutes: number;
}

/**
 * Which process runs each QR connection. A WhatsApp Web session must have exactly one socket (a
 * second one with the same creds makes WhatsApp close both with 440), so ownership is a lease in
 * PostgreSQL: the owner renews it, and anyone may take it once it has expired.
 */
export class LeaseRepository {
  constructor(
    private readonly pool: pg.Pool,
    private readonly nodeId: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes up to `limit` wanted connections nobody holds (or whose holder stopped renewing). */
  async claim(limit: number, runningHere: number[]): Promise<Array<{ connectionId: number; companyId: number }>> {
    // The conflict branch re-checks expiry on the row's latest version, so two nodes racing for the
    // same connection cannot both win.
    const { rows } = await this.pool.query<{ connection_id: number; company_id: number }>(
      `insert into connection_leases (connection_id, company_id, owner_node, expires_at)
       select c.id, c.company_id, $1, now() + make_interval(secs => $2::double precision / 1000)
         from connections c left join connection_leases l on l.connection_id = c.id
        where c.type = 'whatsapp_web' and c.deleted_at is null and c.session_wanted
          and (l.connection_id is null or l.expires_at < now() or l.owner_node = $1)
          and c.id <> all($4::bigint[])
        order by c.id
        limit $3
       on conflict (connection_id) do update set owner_node = excluded.owner_node, expires_at = excluded.expires_at, acquired_at = now()
        where connection_leases.expires_at < now() or connection_leases.owner_node = excluded.owner_node
       returning connection_id, company_id`,
      [this.nodeId, this.ttlMs, limit, runningHere],
    );
    return rows.map((r) => ({ connectionId: Number(r.connection_id), companyId: Number(r.company_id) }));
  }

  /** Extends the leases this node still holds; a connection missing from the answer was lost. */
  async renew(connectionIds: number[]): Promise<RenewedLease[]> {
    if (connectionIds.length === 0) return [];
    const { rows } = await this.pool.query<{
      connection_id: number;
      company_id: number;
      deleted: boolean;
      wanted: boolean;
      default_queue_id: number | null;
      reopen_window_minutes: number;
    }>(
      `update connection_leases l set expires_at = now() + make_interval(secs => $2::double precision / 1000)
         from connections c
        where c.id = l.connection_id and l.owner_node = $1 and l.connection_id = any($3::bigint[])
        returning l.connection_id, l.company_id, c.deleted_at is not null as deleted, c.session_wanted as wanted, c.default_queue_id, c.reopen_window_minutes`,
      [this.nodeId, this.ttlMs, connectionIds],
    );
    return rows.map((r) => ({
      connectionId: Number(r.connection_id),
      companyId: Number(r.company_id),
      deleted: r.deleted,
      wanted: r.wanted,
      defaultQueueId: r.default_queue_id === null ? null : Number(r.default_queue_id),
      reopenWindowMinutes: r.reopen_window_minutes,
    }));
  }

  async release(connectionId: number): Promise<void> {
    await this.pool.query('delete from connection_leases where connection_id = $1 and owner_node = $2', [connectionId, this.nodeId]);
  }

  /** The node running a connection now, or null when none holds a live lease. */
  async ownerOf(connectionId: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ owner_node: string }>(
      'select owner_node from connection_leases where connection_id = $1 and expires_at > now()',
      [connectionId],
    );
    return rows[0]?.owner_node ?? null;
  }
}
