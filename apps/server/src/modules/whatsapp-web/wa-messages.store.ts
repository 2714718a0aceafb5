import type pg from 'pg';
import { BufferJSON, proto, type WAMessage } from '@jimmy/channels';
import type { Queryable } from '../../infra/db/index.js';

const RETENTION_DAYS = 30;

/**
 * The protobuf of each message on a QR connection, as JSON. Baileys asks for it back to re-encrypt a
 * message the recipient could not decrypt (getMessage), to quote or react, and for media keys.
 */
export class WaMessageStore {
  constructor(private readonly pool: pg.Pool) {}

  /** `q`: the transaction of the inbound message these protobufs belong to, when there is one. */
  async save(companyId: number, connectionId: number, messages: WAMessage[], q: Queryable = this.pool): Promise<void> {
    const stored = messages.filter((m) => m.key.id);
    if (stored.length === 0) return;
    await q.query(
      `insert into wa_messages (connection_id, company_id, key_id, message)
       select $1, $2, k, m::jsonb from unnest($3::text[], $4::text[]) as u(k, m)
       on conflict (connection_id, key_id) do nothing`,
      [connectionId, companyId, stored.map((m) => m.key.id!), stored.map((m) => JSON.stringify(m, BufferJSON.replacer))],
    );
  }

  /**
   * Forgets protobufs older than the retention: by then WhatsApp no longer asks to re-encrypt them
   * and their media was downloaded long ago; a reply quoting one goes out unquoted.
   */
  async prune(connectionIds: number[], retentionDays = RETENTION_DAYS): Promise<number> {
    const { rowCount } = await this.pool.query(
      `delete from wa_messages where ctid in (
         select ctid from wa_messages where connection_id = any($1::bigint[]) and created_at < now() - make_interval(days => $2) limit 5000)`,
      [connectionIds, retentionDays],
    );
    return rowCount ?? 0;
  }

  async find(connectionId: number, keyId: string): Promise<WAMessage | undefined> {
    // As text, so BufferJSON's reviver turns the {type:'Buffer'} objects back into bytes while parsing.
    const { rows } = await this.pool.query<{ message: string }>(
      'select message::text as message from wa_messages where connection_id = $1 and key_id = $2',
      [connectionId, keyId],
    );
    if (!rows[0]) return undefined;
    return proto.WebMessageInfo.fromObject(JSON.parse(rows[0].message, BufferJSON.reviver) as object);
  }
}
