import type { PoolClient } from 'pg';
import type { InboundMessage } from '@jimmy/channels';

/**
 * A number whose contact was merged into another: contacts no longer holds its wa_id/bsuid (a contact
 * has one of each), but its contact_channels row was moved to the kept contact. Without this, the
 * next message from that number would create a new contact and undo the merge.
 */
export async function mergedContactOf(
  client: PoolClient,
  companyId: number,
  connectionId: number,
  externalKey: string,
  sender: InboundMessage['sender'],
  inboundAt: Date | null,
): Promise<number | null> {
  const { rows } = await client.query<{ contact_id: number }>(
    `update contact_channels ch set last_inbound_at = greatest(ch.last_inbound_at, $6::timestamptz)
      where ch.connection_id = $2 and ch.external_id = $3
        and not exists (select 1 from contacts c where c.company_id = $1 and (c.wa_id = $4 or c.bsuid = $5))
      returning ch.contact_id`,
    [companyId, connectionId, externalKey, sender.waId ?? null, sender.bsuid ?? null, inboundAt],
  );
  return rows[0]?.contact_id ?? null;
}
