import { parseSchedule, type RoutingQueue, type RoutingSettings, type RoutingState } from '@jimmy/routing';
import type { Queryable } from '../../infra/db/index.js';
import type { CompanySettings } from '@jimmy/contracts';
import { companySettingsFrom } from '../companies/index.js';

/** A ticket as the runner sees it, locked for the length of its transaction. */
export interface LockedTicket {
  id: number;
  companyId: number;
  connectionId: number;
  contactId: number;
  connectionType: 'whatsapp_cloud' | 'whatsapp_web' | 'webchat';
  status: 'bot' | 'pending' | 'open' | 'closed';
  queueId: number | null;
  userId: number | null;
}

/** What the runner remembers between two customer messages (ticket_routing). */
export interface RunnerMemory {
  lastHandledMessageId: number;
  state: StoredState;
  outOfHoursPeriodKey: string | null;
}

/** RoutingState as stored in jsonb (dates as ISO strings), plus the callback offer awaiting an answer. */
export interface StoredState {
  menuAttempts?: number;
  menuSentAt?: string | null;
  routedAt?: string | null;
  callbackOfferId?: number | null;
}

/** Locks the ticket row: every runner of this ticket, on any node, waits here and then sees the result. */
export async function lockTicket(q: Queryable, ticketId: number): Promise<LockedTicket | null> {
  const { rows } = await q.query<{
    id: string;
    company_id: string;
    connection_id: string;
    contact_id: string;
    type: LockedTicket['connectionType'];
    status: LockedTicket['status'];
    queue_id: string | null;
    user_id: string | null;
  }>(
    `select t.id, t.company_id, t.connection_id, t.contact_id, cn.type, t.status, t.queue_id, t.user_id
       from tickets t join connections cn on cn.id = t.connection_id
      where t.id = $1 for update of t`,
    [ticketId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    companyId: Number(row.company_id),
    connectionId: Number(row.connection_id),
    contactId: Number(row.contact_id),
    connectionType: row.type,
    status: row.status,
    queueId: row.queue_id === null ? null : Number(row.queue_id),
    userId: row.user_id === null ? null : Number(row.user_id),
  };
}

/** Saved at the end of every pass that handled a line; the row is created by the ticket's first pass. */
export async function saveMemory(q: Queryable, ticket: LockedTicket, memory: RunnerMemory): Promise<void> {
  await q.query(
    `insert into ticket_routing (ticket_id, company_id, last_handled_message_id, state, out_of_hours_period_key) values ($1, $2, $3, $4, $5)
     on conflict (ticket_id) do update set last_handled_message_id = excluded.last_handled_message_id, state = excluded.state,
       out_of_hours_period_key = excluded.out_of_hours_period_key, updated_at = now()`,
    [ticket.id, ticket.companyId, memory.lastHandledMessageId, memory.state, memory.outOfHoursPeriodKey],
  );
}

export interface CustomerLine {
  id: number;
  body: string;
  choiceId: string | null;
}

/** Everything a pass needs besides the ticket itself, read in one round trip once the ticket is locked. */
export interface PassContext {
  memory: RunnerMemory;
  /** Customer messages not handled yet, oldest first: a burst is decided once and in order. */
  lines: CustomerLine[];
  settings: RunnerSettings;
  /** The connection's queues in menu order, as routing takes them. */
  menu: RoutingQueue[];
}

interface QueueRow {
  id: string;
  name: string;
  greeting: string | null;
  schedule: unknown;
}

const toRoutingQueue = (row: QueueRow, withGreeting: boolean): RoutingQueue => {
  const schedule = row.schedule ? parseSchedule(row.schedule) : null;
  return {
    id: String(row.id),
    name: row.name,
    ...(withGreeting && row.greeting?.trim() && { greeting: row.greeting }),
    ...(schedule?.kind === 'schedule' && { schedule: schedule.schedule }),
  };
};

/**
 * The runner's memory, unhandled lines, company settings and menu in one statement. It must run
 * after (never inside) the statement that locks the ticket: a statement reads with the snapshot it
 * started with, and only one started after the lock was granted sees what the previous holder of
 * the lock committed (its last handled message id), which is what makes every line handled once.
 */
export async function loadPass(q: Queryable, ticket: LockedTicket): Promise<PassContext> {
  const { rows } = await q.query<{
    last_handled_message_id: string | null;
    state: StoredState | null;
    out_of_hours_period_key: string | null;
    settings: unknown;
    timezone: string;
    lines: { id: string; body: string; choice_id: string | null }[];
    menu: QueueRow[];
  }>(
    `select tr.last_handled_message_id, tr.state, tr.out_of_hours_period_key, co.settings, co.timezone,
            (select coalesce(json_agg(l order by l.id), '[]'::json) from (
               select id, body, payload->'choice'->>'id' as choice_id from messages
                where company_id = $2 and ticket_id = $1 and id > coalesce(tr.last_handled_message_id, 0)
                  and direction = 'in' and author = 'customer' and type <> 'reaction'
                order by id limit 200) l) as lines,
            (select coalesce(json_agg(json_build_object('id', qu.id, 'name', qu.name, 'greeting', qu.greeting, 'schedule', qu.schedule)
                                      order by cq.position, qu.position, qu.id), '[]'::json)
               from connection_queues cq join queues qu on qu.id = cq.queue_id
              where cq.company_id = $2 and cq.connection_id = $3) as menu
       from companies co left join ticket_routing tr on tr.ticket_id = $1
      where co.id = $2`,
    [ticket.id, ticket.companyId, ticket.connectionId],
  );
  const row = rows[0];
  if (!row) throw new Error(`company ${ticket.companyId} of ticket ${ticket.id} not found`);
  return {
    memory: {
      lastHandledMessageId: Number(row.last_handled_message_id ?? 0),
      state: row.state ?? {},
      outOfHoursPeriodKey: row.out_of_hours_period_key,
    },
    lines: row.lines.map((line) => ({ id: Number(line.id), body: line.body, choiceId: line.choice_id })),
    settings: routingSettingsFrom(companySettingsFrom(row)),
    menu: row.menu.map((queue) => toRoutingQueue(queue, true)),
  };
}

/** The queue a ticket already sits in (an agent may have moved it off the menu's list). */
export async function queueOf(q: Queryable, companyId: number, queueId: number): Promise<RoutingQueue | null> {
  const { rows } = await q.query<{ id: string; name: string; greeting: string | null; schedule: unknown }>(
    'select id, name, greeting, schedule from queues where company_id = $1 and id = $2',
    [companyId, queueId],
  );
  const row = rows[0];
  return row ? toRoutingQueue(row, false) : null;
}

interface RunnerSettings {
  routing: RoutingSettings;
  callback: { question: string; yes: string; no: string };
}

function routingSettingsFrom(settings: CompanySettings): RunnerSettings {
  const { routing, hours } = settings;
  return {
    routing: {
      ...(routing.greeting.trim() && { greeting: routing.greeting }),
      menuPrompt: routing.menuPrompt,
      ...(routing.invalidOptionMessage.trim() && { invalidOptionMessage: routing.invalidOptionMessage }),
      listButtonLabel: 'Ver opções',
      ...(routing.fallbackQueueId !== null && { fallbackQueueId: String(routing.fallbackQueueId) }),
      maxMenuAttempts: routing.maxMenuAttempts,
      outOfHours: { closedMessage: hours.closedMessage, breakMessage: hours.breakMessage, offerCallback: hours.offerCallback },
      ...(hours.schedule && { schedule: hours.schedule }),
    },
    callback: { question: hours.callbackQuestion, yes: hours.callbackYesReply, no: hours.callbackNoReply },
  };
}

/** Stored jsonb ↔ the routing package's state (dates as Date). */
export function toRoutingState(ticket: LockedTicket, stored: StoredState): RoutingState {
  const routedAt = stored.routedAt ? new Date(stored.routedAt) : null;
  return {
    // Until routing has run once, a queue set at creation (single-queue connection) still gets its greeting.
    queueId: routedAt && ticket.queueId !== null ? String(ticket.queueId) : null,
    menuAttempts: stored.menuAttempts ?? 0,
    menuSentAt: stored.menuSentAt ? new Date(stored.menuSentAt) : null,
    routedAt,
  };
}

export function fromRoutingState(state: RoutingState, previous: StoredState): StoredState {
  return {
    ...previous,
    menuAttempts: state.menuAttempts,
    menuSentAt: state.menuSentAt ? state.menuSentAt.toISOString() : null,
    routedAt: state.routedAt ? state.routedAt.toISOString() : null,
  };
}
