import type pg from 'pg';
import type { AuthStore, KeyChange } from '@jimmy/channels';
import type { SecretBox } from '../../infra/crypto.js';
import { withTransaction } from '../../infra/db/index.js';

/**
 * A QR connection's Baileys creds and Signal keys in PostgreSQL, every value sealed with APP_SECRET.
 * One `keys.set` is one transaction, so a crash never leaves half of a ratchet step behind.
 */
export class DbAuthStore implements AuthStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
    private readonly companyId: number,
    private readonly connectionId: number,
  ) {}

  async readCreds(): Promise<string | null> {
    const { rows } = await this.pool.query<{ sealed: string }>('select sealed from wa_auth_creds where connection_id = $1', [
      this.connectionId,
    ]);
    return rows[0] ? this.box.openText(rows[0].sealed) : null;
  }

  async writeCreds(json: string): Promise<void> {
    await this.pool.query(
      `insert into wa_auth_creds (connection_id, company_id, sealed, updated_at) values ($1, $2, $3, now())
       on conflict (connection_id) do update set sealed = excluded.sealed, updated_at = now()`,
      [this.connectionId, this.companyId, this.box.seal(json)],
    );
  }

  async readKeys(type: string, ids: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (ids.length === 0) return found;
    const { rows } = await this.pool.query<{ key_id: string; sealed: string }>(
      'select key_id, sealed from wa_auth_keys where connection_id = $1 and type = $2 and key_id = any($3::text[])',
      [this.connectionId, type, ids],
    );
    for (const row of rows) found.set(row.key_id, this.box.openText(row.sealed));
    return found;
  }

  /** One statement, so atomic without a transaction: this runs for every message decrypted or sent. */
  async writeKeys(changes: KeyChange[]): Promise<void> {
    const upserts = changes.filter((c): c is KeyChange & { json: string } => c.json !== null);
    const deletes = changes.filter((c) => c.json === null);
    await this.pool.query(
      `with upserted as (
         insert into wa_auth_keys (connection_id, company_id, type, key_id, sealed)
         select $1, $2, t, k, s from unnest($3::text[], $4::text[], $5::text[]) as u(t, k, s)
         on conflict (connection_id, type, key_id) do update set sealed = excluded.sealed
         returning 1
       ), deleted as (
         delete from wa_auth_keys where connection_id = $1 and (type, key_id) in (select * from unnest($6::text[], $7::text[]))
         returning 1
       )
       select (select count(*) from upserted) as upserted, (select count(*) from deleted) as deleted`,
      [
        this.connectionId,
        this.companyId,
        upserts.map((c) => c.type),
        upserts.map((c) => c.id),
        upserts.map((c) => this.box.seal(c.json)),
        deletes.map((c) => c.type),
        deletes.map((c) => c.id),
      ],
    );
  }

  async wipe(): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query('delete from wa_auth_keys where connection_id = $1', [this.connectionId]);
      await client.query('delete from wa_auth_creds where connection_id = $1', [this.connectionId]);
    });
  }
}
