import type { PoolClient } from 'pg';
import type { InboundMessage } from '@jimmy/channels';
import { brazilianWaIdVariant } from '../contact-imports/index.js';
import { replaceReactionSql } from '../messages/index.js';
import { recordTicketEvent } from '../tickets/index.js';

/**
 * The statements of one inbound message, run inside the caller's transaction. Every step is safe
 * to run twice and safe under concurrency: uniqueness lives in the database (contacts per wa_id or
 * BSUID, one live ticket per contact and connection, one message per provider id).
 */
export interface IngestConnection {
  id: number;
  companyId: number;
  type: 'whatsapp_cloud' | 'whatsapp_web' | 'webchat';
  reopenWindowMinutes: number;
}

export async function isKnownMessage(client: PoolClient, connectionId: number, externalId: string): Promise<boolean> {
  const { rows } = await client.query('select 1 from messages where connection_id = $1 and external_id = $2', [connectionId, externalId]);
  return rows.length > 0;
}

/** Where the sender is known on the connection, written in the same statement as the contact. */
export interface ChannelTouch {
  connectionId: number;
  externalKey: string;
  inboundAt: Date | null;
}

/** Appends a contact_channels upsert to a statement whose CTE `c` yields the contact id. */
function withChannel(statement: string, values: unknown[], channel: ChannelTouch | undefined): { text: string; values: unknown[] } {
  if (!channel) return { text: statement, values };
  const n = values.length;
  return {
    text: `with c as (${statement}),
      ch as (insert into contact_channels (company_id, connection_id, external_id, contact_id, last_inbound_at)
             select $1, $${n + 1}, $${n + 2}, c.id, $${n + 3} from c
             on conflict (connection_id, external_id) do update
               set last_inbound_at = greatest(contact_channels.last_inbound_at, excluded.last_inbound_at), contact_id = excluded.contact_id)
      select id from c`,
    values: [...values, channel.connectionId, channel.externalKey, channel.inboundAt],
  };
}

export async function upsertContact(
  client: PoolClient,
  companyId: number,
  sender: InboundMessage['sender'],
  channel?: ChannelTouch,
): Promise<number> {
  // WhatsApp reports many Brazilian mobiles without their 9th digit (and a contact imported from a CSV
  // has it): the contact already stored under the other form of the number is the same person.
  const known = sender.waId ? await brazilianVariantOnFile(client, companyId, sender.waId) : null;
  if (known) sender = { ...sender, waId: known };
  const phone = sender.waId ? `+${sender.waId.replace(/\D/g, '')}` : null;
  const name = sender.name?.trim() || phone || sender.bsuid || 'WhatsApp';
  // A name an agent typed is kept; only a placeholder (the number itself) is replaced by the profile name.
  const keepName = `case when contacts.name = coalesce(contacts.phone, '') or contacts.name = coalesce(contacts.bsuid, '') or contacts.name = 'WhatsApp' then excluded.name else contacts.name end`;
  if (sender.waId) {
    const query = withChannel(
      `insert into contacts (company_id, name, phone, wa_id, bsuid) values ($1, $2, $3, $4, $5)
       on conflict (company_id, wa_id) where wa_id is not null do update
         set name = ${keepName},
             bsuid = coalesce(contacts.bsuid, case when exists (select 1 from contacts o where o.company_id = $1 and o.bsuid = excluded.bsuid) then null else excluded.bsuid end),
             updated_at = now()
       returning id`,
      [companyId, name, phone, sender.waId, sender.bsuid ?? null],
      channel,
    );
    const { rows } = await client.query<{ id: number }>(query.text, query.values);
    return rows[0]!.id;
  }
  if (sender.bsuid) {
    const query = withChannel(
      `insert into contacts (company_id, name, bsuid) values ($1, $2, $3)
       on conflict (company_id, bsuid) where bsuid is not null do update set name = ${keepName}, updated_at = now()
       returning id`,
      [companyId, name, sender.bsuid],
      channel,
    );
    const { rows } = await client.query<{ id: number }>(query.text, query.values);
    return rows[0]!.id;
  }
  throw new Error('inbound message without a sender id');
}

async function brazilianVariantOnFile(client: PoolClient, companyId: number, waId: string): Promise<string | null> {
  const variant = brazilianWaIdVariant(waId);
  if (!variant) return null;
  const { rows } = await client.query<{ wa_id: string }>(
    `select wa_id from contacts where company_id = $1 and wa_id in ($2, $3) order by wa_id = $2 desc limit 1`,
    [companyId, waId, variant],
  );
  return rows[0] && rows[0].wa_id !== waId ? rows[0].wa_id : null;
}

/**
 * The closed ticket whose satisfaction survey still awaits this contact's answer on this
 * connection, if any: a reply that answers it belongs there, not in a new conversation.
 */
export async function awaitingSurveyOf(
  client: PoolClient,
  connectionId: number,
  contactId: number,
): Promise<{ id: number; ticketId: number; status: 'awaiting_score' | 'awaiting_comment' } | null> {
  const { rows } = await client.query<{ id: number; ticket_id: number; status: 'awaiting_score' | 'awaiting_comment' }>(
    `select id, ticket_id, status from surveys
      where connection_id = $1 and contact_id = $2 and status in ('awaiting_score', 'awaiting_comment') and expires_at > now()`,
    [connectionId, contactId],
  );
  const row = rows[0];
  return row ? { id: Number(row.id), ticketId: Number(row.ticket_id), status: row.status } : null;
}

/** A reply that does not answer the survey ends it: the customer moved on to a new matter. */
export async function abandonSurvey(client: PoolClient, surveyId: number): Promise<void> {
  const { rows } = await client.query<{ company_id: string; ticket_id: string }>(
    `update surveys set status = 'expired' where id = $1 and status in ('awaiting_score', 'awaiting_comment') returning company_id, ticket_id`,
    [surveyId],
  );
  const row = rows[0];
  if (row)
    await recordTicketEvent(client, {
      companyId: Number(row.company_id),
      ticketId: Number(row.ticket_id),
      kind: 'survey-expired',
      data: { reason: 'customer-moved-on' },
    });
}

/** The contact's live ticket on this connection, reopening a recently closed one or creating one. */
export async function findOrOpenTicket(
  client: PoolClient,
  connection: IngestConnection,
  contactId: number,
): Promise<{ id: number; created: boolean; reopened: boolean }> {
  const live = await client.query<{ id: number }>(
    `select id from tickets where connection_id = $1 and contact_id = $2 and status <> 'closed'`,
    [connection.id, contactId],
  );
  if (live.rows[0]) return { id: live.rows[0].id, created: false, reopened: false };
  if (connection.reopenWindowMinutes > 0) {
    const reopened = await client.query<{ id: number }>(
      `update tickets set status = case when user_id is null then 'pending' else 'open' end, closed_at = null, updated_at = now()
        where id = (select id from tickets where connection_id = $1 and contact_id = $2 and status = 'closed'
                      and closed_at > now() - make_interval(mins => $3) order by closed_at desc limit 1)
          and status = 'closed'
       returning id`,
      [connection.id, contactId, connection.reopenWindowMinutes],
    );
    if (reopened.rows[0]) return { id: reopened.rows[0].id, created: false, reopened: true };
  }
  // A connection with a published service flow hands the ticket to its bot (the flow decides the
  // queue). Otherwise one queue puts the ticket straight in it; with several the bot asks first
  // (status bot: agents do not see it until the customer picked a queue).
  const inserted = await client.query<{ id: number }>(
    `insert into tickets (company_id, contact_id, connection_id, queue_id, status)
     select $1, $2, $3, case when q.n = 1 and not f.has_flow then q.first end, case when q.n > 1 or f.has_flow then 'bot' else 'pending' end
       from (select count(*)::int as n, min(queue_id) as first from connection_queues where connection_id = $3) q,
            (select exists (select 1 from connection_flows cf join flows fl on fl.id = cf.flow_id
                             where cf.connection_id = $3 and fl.published_version_id is not null) as has_flow) f
     on conflict (connection_id, contact_id) where status <> 'closed' do nothing returning id`,
    [connection.companyId, contactId, connection.id],
  );
  if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true, reopened: false };
  // Another transaction created it between our select and insert; it has committed, so we see it now.
  const again = await client.query<{ id: number }>(
    `select id from tickets where connection_id = $1 and contact_id = $2 and status <> 'closed'`,
    [connection.id, contactId],
  );
  if (!again.rows[0]) throw new Error('live ticket vanished during ingest');
  return { id: again.rows[0].id, created: false, reopened: false };
}

export interface NewInboundRow {
  ticketId: number;
  contactId: number;
  direction: 'in' | 'out';
  author: 'customer' | 'agent';
  type: string;
  body: string;
  payload: Record<string, unknown> | null;
  mediaState: 'pending' | null;
  mediaMime: string | null;
  mediaName: string | null;
  externalId: string;
  replyToExternalId: string | null;
  status: 'delivered' | 'sent';
  providerAt: Date;
}

/**
 * Inserts the message and, when it really was new, moves the ticket's preview, unread count and
 * 24-hour window in the same statement (a duplicate changes nothing).
 */
export async function insertInboundMessage(
  client: PoolClient,
  connection: IngestConnection,
  row: NewInboundRow,
  bump: { preview: string; inboundAt: Date | null } | null,
): Promise<number | null> {
  const insert = `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, type, body, payload, media_state, media_mime, media_name,
                           external_id, quoted_message_id, status, provider_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
             (select id from messages where connection_id = $3 and external_id = $14), $15, $16)
     on conflict (connection_id, external_id) where external_id is not null do nothing
     returning id`;
  const values: unknown[] = [
    connection.companyId,
    row.ticketId,
    connection.id,
    row.contactId,
    row.direction,
    row.author,
    row.type,
    row.body,
    row.payload,
    row.mediaState,
    row.mediaMime,
    row.mediaName,
    row.externalId,
    row.replyToExternalId,
    row.status,
    row.providerAt,
  ];
  const text = bump
    ? `with m as (${insert}),
         t as (update tickets set last_message_at = now(), last_message_body = $17, last_message_type = $7, last_message_direction = $5,
                      unread_count = unread_count + case when $5 = 'in' then 1 else 0 end,
                      last_inbound_at = case when $18::timestamptz is null then last_inbound_at else greatest(last_inbound_at, $18::timestamptz) end,
                      updated_at = now()
                where id = $2 and exists (select 1 from m))
       select id from m`
    : insert;
  if (bump) values.push(bump.preview, bump.inboundAt);
  const { rows } = await client.query<{ id: number }>(text, values);
  return rows[0]?.id ?? null;
}

/** A reaction is stored (so its provider id is deduplicated) and shown as a badge on its target. */
export async function applyReaction(
  client: PoolClient,
  connectionId: number,
  targetExternalId: string,
  emoji: string | null,
  by: 'customer' | 'agent',
): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>(
    `update messages set reactions = ${replaceReactionSql('$3', '$4')} where connection_id = $1 and external_id = $2 returning id`,
    [connectionId, targetExternalId, by, emoji],
  );
  return rows[0]?.id ?? null;
}
