import type pg from 'pg';
import { withTransaction } from '../../infra/db/index.js';
import type { Jobs } from '../../infra/jobs.js';

/**
 * Turns committed rows into deliveries. The sources are the rows the change itself wrote, in its own
 * transaction: `ticket_events`, `messages`, new `contacts` and `webhook_outbox` (message statuses,
 * contact edits). Never the in-process event bus, which a crash or another node would miss.
 *
 * Rows are read by the id of the transaction that wrote them (`txid`, see schema-columns.ts), between
 * the last cursor and the oldest transaction still running: every transaction below that one has
 * committed or rolled back, so no row can still appear in a range once it was read. A sequence-id
 * cursor would skip a row whose transaction took its id early and committed late.
 */

/** ticket_events kinds → the public event; kinds not listed (menus, invalid options…) are internal noise. */
const ticketEventMap: Record<string, string> = {
  created: 'ticket.created',
  transferred: 'ticket.transferred',
  closed: 'ticket.closed',
  'survey-answered': 'survey.answered',
  'callback-requested': 'callback.requested',
  reopened: 'ticket.updated',
  'bot-started': 'ticket.updated',
  'queue-assigned': 'ticket.updated',
  'left-unqueued': 'ticket.updated',
  'taken-over': 'ticket.updated',
  accepted: 'ticket.updated',
  assigned: 'ticket.updated',
  tagged: 'ticket.updated',
  untagged: 'ticket.updated',
};

const kindCase = `case e.kind ${Object.entries(ticketEventMap)
  .map(([kind, event]) => `when '${kind}' then '${event}'`)
  .join(' ')} end`;

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ticketJson = `jsonb_build_object('id', t.id, 'status', t.status, 'queueId', t.queue_id, 'userId', t.user_id,
  'contactId', t.contact_id, 'connectionId', t.connection_id, 'createdAt', ${iso('t.created_at')}, 'closedAt', ${iso('t.closed_at')})`;

const contactJson = `jsonb_build_object('id', c.id, 'name', c.name, 'phone', c.phone, 'email', c.email,
  'customFields', c.custom_fields, 'createdAt', ${iso('c.created_at')})`;

/** Only companies with an active subscription are read at all: a company without one costs nothing. */
const subscribed = `company_id in (select company_id from webhook_subscriptions where active)`;

const sources = `
  select c.txid, 0 as src, c.id as row_id, c.company_id, 'contact.created' as event, 'c' || c.id as event_id,
         'contact:' || c.id as lane, c.created_at, jsonb_build_object('contact', ${contactJson}) as data
    from contacts c where c.txid >= $1::xid8 and c.txid < $2::xid8 and c.${subscribed}
  union all
  select e.txid, 1, e.id, e.company_id, ${kindCase}, 'te' || e.id, 'ticket:' || e.ticket_id, e.created_at,
         jsonb_build_object('ticket', ${ticketJson}, 'change', e.kind, 'actorUserId', e.actor_user_id, 'details', e.data)
    from ticket_events e join tickets t on t.id = e.ticket_id
   where e.txid >= $1::xid8 and e.txid < $2::xid8 and e.${subscribed} and ${kindCase} is not null
  union all
  select m.txid, 2, m.id, m.company_id, case when m.direction = 'in' then 'message.received' else 'message.sent' end,
         'm' || m.id, 'ticket:' || m.ticket_id, m.created_at,
         jsonb_build_object('message', jsonb_build_object('id', m.id, 'ticketId', m.ticket_id, 'contactId', m.contact_id,
           'connectionId', m.connection_id, 'direction', m.direction, 'author', m.author, 'userId', m.user_id, 'type', m.type,
           'body', m.body, 'mediaMime', m.media_mime, 'mediaName', m.media_name, 'status', m.status, 'externalId', m.external_id,
           'createdAt', ${iso('m.created_at')}),
           'contact', jsonb_build_object('id', c.id, 'name', c.name, 'phone', c.phone))
    from messages m join contacts c on c.id = m.contact_id
   where m.txid >= $1::xid8 and m.txid < $2::xid8 and m.${subscribed} and m.type <> 'note'
  union all
  select o.txid, 3, o.id, o.company_id, o.event, 'o' || o.id,
         coalesce('ticket:' || o.ticket_id, 'contact:' || o.contact_id, 'o:' || o.id), o.created_at, o.data
    from webhook_outbox o where o.txid >= $1::xid8 and o.txid < $2::xid8 and o.${subscribed}`;

// The body is the same for every subscription: built once per event (materialized), then fanned out.
// Deliveries get their ids in (transaction, source, row) order: a lane's order is its id order.
const relaySql = `
  with events as materialized (
    select e.company_id, e.event, 'evt_' || e.event_id as event_id, e.lane, e.txid, e.src, e.row_id,
           jsonb_build_object('id', 'evt_' || e.event_id, 'event', e.event, 'createdAt', ${iso('e.created_at')},
                              'companyId', e.company_id, 'data', e.data)::text as body
      from (${sources}) e
     where exists (select 1 from webhook_subscriptions s where s.company_id = e.company_id and s.active and e.event = any(s.events))),
  ins as (
    insert into webhook_deliveries (company_id, subscription_id, event, event_id, lane, body)
    select e.company_id, s.id, e.event, e.event_id, e.lane, e.body
      from events e
      join webhook_subscriptions s on s.company_id = e.company_id and s.active and e.event = any(s.events)
     order by e.txid, e.src, e.row_id, s.id
    returning subscription_id)
  select distinct subscription_id as id from ins`;

/**
 * One pass: claims the cursor (another node relaying skips), reads the settled range, advances.
 * Returns the subscriptions that got new deliveries; their pump jobs are inserted in the same
 * transaction, so a crash right after the commit cannot leave deliveries without a sender.
 */
export async function relayOnce(pool: pg.Pool, jobs: Jobs): Promise<number[]> {
  return withTransaction(pool, async (client) => {
    // The snapshot of this first statement: its xmin is the oldest transaction still running.
    const { rows } = await client.query<{ cursor: string; upto: string; any_active: boolean }>(
      `select cursor::text, pg_snapshot_xmin(pg_current_snapshot())::text as upto,
              exists (select 1 from webhook_subscriptions where active) as any_active
         from webhook_relay where id = 1 for update skip locked`,
    );
    const row = rows[0];
    if (!row || row.cursor === row.upto) return [];
    let touched: number[] = [];
    if (row.any_active) {
      const result = await client.query<{ id: number }>(relaySql, [row.cursor, row.upto]);
      touched = result.rows.map((r) => Number(r.id));
      for (const subscriptionId of touched) {
        await jobs.send('webhooks.pump', { subscriptionId }, { singletonKey: String(subscriptionId), within: client });
      }
    }
    await client.query('update webhook_relay set cursor = $1::xid8, updated_at = now() where id = 1', [row.upto]);
    return touched;
  });
}

/** The first start reads from now on: history from before webhooks existed is not replayed. */
export async function initRelayCursor(pool: pg.Pool): Promise<void> {
  await pool.query(
    `insert into webhook_relay (id, cursor) values (1, pg_snapshot_xmin(pg_current_snapshot())) on conflict (id) do nothing`,
  );
}
