import { bucketOf, METRICS, type MetricName } from './histogram.js';

/**
 * One ticket's contribution to the hourly report rows, as a pure function of its raw rows: the
 * aggregator, a day's recomputation and the tests all call this, so "aggregates = recomputation"
 * is a property of the bookkeeping, not of two implementations agreeing.
 *
 * The ticket's status, queue and agent over time are replayed from its `ticket_events` (the rows
 * the changes themselves wrote); where an event does not say (a ticket created straight into a
 * connection's only queue) the ticket row fills in. See docs/reports.md for the definitions.
 */
export interface TicketHistory {
  id: number;
  connectionId: number;
  /** Current queue: the queue before any queue-changing event when none says otherwise. */
  queueId: number | null;
  tagIds: readonly number[];
  events: readonly { id: number; kind: string; actorUserId: number | null; data: Record<string, unknown>; at: Date }[];
  /** Notes excluded. */
  messages: readonly { id: number; direction: 'in' | 'out'; author: string; userId: number | null; at: Date }[];
  survey: { score: number | null; answeredAt: Date | null; userId: number | null; queueId: number | null } | null;
}

/** hour ISO → cell key "tag:queue:user:connection" → field → value (counter columns or "h<metric>:<bucket>"). */
export type Cells = Map<string, Map<string, Map<string, number>>>;

export const cellKey = (tag: number, queue: number, user: number, connection: number) => `${tag}:${queue}:${user}:${connection}`;
const histField = (metric: number, bucket: number) => `h${metric}:${bucket}`;

export function hourOf(at: Date): string {
  const hour = new Date(at.getTime());
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString();
}

type Status = 'none' | 'bot' | 'pending' | 'open' | 'closed';
const BOT_MARKERS = new Set(['bot-started', 'typebot-started', 'menu-sent', 'invalid-option']);
const SETTLES_START = new Set([
  'queue-assigned',
  'left-unqueued',
  'accepted',
  'assigned',
  'taken-over',
  'transferred',
  'closed',
  'reopened',
]);

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const has = (data: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(data, key);

export function ticketCells(ticket: TicketHistory): Cells {
  const cells: Cells = new Map();
  const tags = [0, ...ticket.tagIds];
  const add = (at: Date, queue: number | null, user: number | null, field: string, value: number) => {
    if (value === 0) return;
    const hour = hourOf(at);
    let byKey = cells.get(hour);
    if (!byKey) cells.set(hour, (byKey = new Map()));
    for (const tag of tags) {
      const key = cellKey(tag, queue ?? 0, user ?? 0, ticket.connectionId);
      let fields = byKey.get(key);
      if (!fields) byKey.set(key, (fields = new Map()));
      fields.set(field, (fields.get(field) ?? 0) + value);
    }
  };
  const duration = (at: Date, queue: number | null, user: number | null, metric: MetricName, ms: number) =>
    add(at, queue, user, histField(METRICS[metric], bucketOf(Math.max(0, ms))), 1);

  const initial = initialState(ticket);
  let status = 'none' as Status;
  let queue = initial.queue;
  let user = initial.user;
  let cycleStart: Date | null = null;
  let waitStart: Date | null = null;
  let pendingSince: Date | null = null;
  let handlingSince: Date | null = null;
  let cycleAgent = false;
  let callbackRequestedAt: Date | null = null;
  let callbackSurfaced = false;

  /** Every status / queue / agent change goes through here, so the gauge and the clocks stay paired. */
  const move = (at: Date, next: Status, nextQueue: number | null, nextUser: number | null) => {
    const wasPending = status === 'pending';
    const isPending = next === 'pending';
    if (wasPending && (!isPending || nextQueue !== queue || nextUser !== user)) add(at, queue, user, 'pending_delta', -1);
    if (isPending && (!wasPending || nextQueue !== queue || nextUser !== user)) add(at, nextQueue, nextUser, 'pending_delta', 1);
    if (isPending && !wasPending) pendingSince = at;
    if (wasPending && !isPending) {
      if (next === 'open' && pendingSince) duration(at, nextQueue, nextUser, 'queueWait', at.getTime() - pendingSince.getTime());
      pendingSince = null;
    }
    const handling = status === 'open' && user !== null;
    const nextHandling = next === 'open' && nextUser !== null;
    if (handling && (!nextHandling || nextUser !== user) && handlingSince) {
      duration(at, queue, user, 'handling', at.getTime() - handlingSince.getTime());
      handlingSince = null;
    }
    if (nextHandling && (!handling || nextUser !== user)) {
      handlingSince = at;
      add(at, nextQueue, nextUser, 'assigned', 1);
      cycleAgent = true;
    }
    // Waiting for a human starts when the bot lets go (or at once without a bot).
    if (status === 'bot' && (next === 'pending' || next === 'open') && !waitStart) waitStart = at;
    status = next;
    queue = nextQueue;
    user = nextUser;
  };

  type Item = { at: Date; order: number; event?: TicketHistory['events'][number]; message?: TicketHistory['messages'][number] };
  const items: Item[] = [
    ...ticket.events.map((event) => ({ at: event.at, order: 0, event })),
    ...ticket.messages.map((message) => ({ at: message.at, order: 1, message })),
  ];
  // Within one instant, the change comes before the messages of its transaction.
  items.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() || a.order - b.order || (a.event?.id ?? a.message?.id ?? 0) - (b.event?.id ?? b.message?.id ?? 0),
  );

  for (const item of items) {
    const at = item.at;
    if (item.message) {
      const m = item.message;
      if (m.direction === 'in' && m.author === 'customer') add(at, queue, user, 'messages_in', 1);
      if (m.direction === 'out' && (m.author === 'agent' || m.author === 'bot')) add(at, queue, m.userId ?? user, 'messages_out', 1);
      if (m.direction === 'out' && m.author === 'agent') {
        const by = m.userId ?? user;
        if (waitStart) duration(at, queue, by, 'firstResponse', at.getTime() - waitStart.getTime());
        waitStart = null;
        if (callbackSurfaced && callbackRequestedAt) {
          duration(at, queue, by, 'callbackDelay', at.getTime() - callbackRequestedAt.getTime());
          add(at, queue, by, 'callbacks_done', 1);
        }
        callbackSurfaced = false;
        callbackRequestedAt = null;
      }
      continue;
    }
    const e = item.event!;
    const d = e.data;
    switch (e.kind) {
      case 'created': {
        if (status !== 'none') break;
        cycleStart = at;
        cycleAgent = false;
        const agentOpened = e.actorUserId !== null || num(d.userId) !== null;
        if (initial.bot) move(at, 'bot', queue, null);
        else if (agentOpened) move(at, 'open', queue, e.actorUserId ?? num(d.userId));
        else {
          move(at, 'pending', queue, null);
          waitStart = at;
        }
        add(at, queue, user, 'opened', 1);
        break;
      }
      case 'reopened':
        if (status !== 'closed' && status !== 'none') break;
        cycleStart = at;
        cycleAgent = false;
        waitStart = at;
        if (e.actorUserId !== null) move(at, 'open', queue, e.actorUserId);
        else move(at, user !== null ? 'open' : 'pending', queue, user);
        add(at, queue, user, 'reopened', 1);
        break;
      case 'bot-started':
      case 'typebot-started':
        if (status === 'pending') move(at, 'bot', queue, user);
        break;
      case 'queue-assigned':
        move(at, status === 'bot' ? 'pending' : status, num(d.queueId) ?? queue, user);
        break;
      case 'left-unqueued':
        if (status === 'bot') move(at, 'pending', queue, user);
        break;
      case 'accepted':
      case 'taken-over':
        move(at, 'open', queue, e.actorUserId ?? user);
        break;
      case 'assigned':
        move(at, 'open', queue, num(d.userId) ?? user);
        break;
      case 'transferred': {
        add(at, queue, user, 'transfers', 1);
        const toQueue = has(d, 'toQueueId') ? num(d.toQueueId) : queue;
        const toUser = has(d, 'toUserId') ? num(d.toUserId) : user;
        move(at, toUser === null ? 'pending' : 'open', toQueue, toUser);
        break;
      }
      case 'closed': {
        if (status === 'closed' || status === 'none') break;
        const byBot = status === 'bot' && e.actorUserId === null && !cycleAgent;
        add(at, queue, user, 'closed', 1);
        if (byBot) add(at, queue, user, 'bot_contained', 1);
        if (cycleStart) duration(at, queue, user, 'resolution', at.getTime() - cycleStart.getTime());
        move(at, 'closed', queue, user);
        waitStart = null;
        callbackSurfaced = false;
        callbackRequestedAt = null;
        break;
      }
      case 'callback-requested':
        add(at, queue, user, 'callbacks_requested', 1);
        callbackRequestedAt = at;
        break;
      case 'callback-surfaced':
        if (callbackRequestedAt) callbackSurfaced = true;
        break;
      default:
        break;
    }
  }

  const survey = ticket.survey;
  if (survey?.answeredAt && survey.score !== null && survey.score >= 1 && survey.score <= 5) {
    add(survey.answeredAt, survey.queueId, survey.userId, 'csat_count', 1);
    add(survey.answeredAt, survey.queueId, survey.userId, 'csat_sum', survey.score);
    add(survey.answeredAt, survey.queueId, survey.userId, `csat_${survey.score}`, 1);
  }
  return cells;
}

/**
 * Where the ticket started: in the bot when a bot marker comes before anything that settles it;
 * in the queue the first queue change came from (or the current one when nothing changed it).
 */
function initialState(ticket: TicketHistory): { bot: boolean; queue: number | null; user: number | null } {
  let bot = false;
  for (const event of ticket.events) {
    if (event.kind === 'created') continue;
    if (BOT_MARKERS.has(event.kind)) {
      bot = true;
      break;
    }
    if (SETTLES_START.has(event.kind)) break;
  }
  let queue = ticket.queueId;
  for (const event of ticket.events) {
    if (event.kind === 'transferred' && has(event.data, 'fromQueueId')) {
      queue = num(event.data.fromQueueId);
      break;
    }
    if (event.kind === 'queue-assigned') {
      queue = bot ? null : (num(event.data.queueId) ?? queue);
      break;
    }
  }
  return { bot, queue, user: null };
}
