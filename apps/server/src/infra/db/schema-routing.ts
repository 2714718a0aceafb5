import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companyRef, users } from './schema-core.js';
import { connections, contacts, messages, queues, tickets } from './schema-conversations.js';
import { at, createdAt, id, ref, updatedAt, writtenBy } from './schema-columns.js';

const ticketRef = () =>
  ref('ticket_id')
    .notNull()
    .references(() => tickets.id, { onDelete: 'cascade' });

/** A connection's queues in menu order: one queue routes straight to it, several make a menu. */
export const connectionQueues = pgTable(
  'connection_queues',
  {
    companyId: companyRef(),
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    queueId: ref('queue_id')
      .notNull()
      .references(() => queues.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.queueId] }), index('connection_queues_queue_idx').on(t.companyId, t.queueId)],
);

/**
 * Every change of a ticket, written in the transaction that made it: the service history, the
 * reports and the outbound webhooks read these rows, never the in-process event bus.
 */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: id(),
    companyId: companyRef(),
    ticketId: ticketRef(),
    kind: text('kind').notNull(),
    /** The agent who acted; null for the customer, the bot and the system. */
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    /** Outbound webhooks read new events by transaction id. */
    txid: writtenBy(),
  },
  (t) => [
    index('ticket_events_ticket_idx').on(t.companyId, t.ticketId, t.id),
    index('ticket_events_company_kind_idx').on(t.companyId, t.kind, t.createdAt),
    index('ticket_events_txid_idx').on(t.txid),
  ],
);

/**
 * What the inbound runner knows about a ticket between two customer messages: the last message it
 * handled (so a burst is processed once and in order) and the routing state (menu attempts…).
 */
export const ticketRouting = pgTable('ticket_routing', {
  ticketId: ref('ticket_id')
    .primaryKey()
    .references(() => tickets.id, { onDelete: 'cascade' }),
  companyId: companyRef(),
  lastHandledMessageId: ref('last_handled_message_id').notNull().default(0),
  state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
  /** periodKey of the last closed/break message, so it is sent once per period. */
  outOfHoursPeriodKey: text('out_of_hours_period_key'),
  updatedAt: updatedAt(),
});

/** A customer who, out of hours, asked to be called back: surfaced at the top of the queue at the next opening. */
export const callbackRequests = pgTable(
  'callback_requests',
  {
    id: id(),
    companyId: companyRef(),
    ticketId: ticketRef(),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    queueId: ref('queue_id').references(() => queues.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['offered', 'requested', 'declined', 'surfaced', 'done'] }).notNull(),
    opensAt: at('opens_at'),
    surfacedAt: at('surfaced_at'),
    doneAt: at('done_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('callback_requests_ticket_idx').on(t.companyId, t.ticketId, t.id),
    index('callback_requests_company_status_idx').on(t.companyId, t.status),
  ],
);

export const scheduledMessages = pgTable(
  'scheduled_messages',
  {
    id: id(),
    companyId: companyRef(),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    /** The ticket it was scheduled from; sending reuses the contact's live ticket or opens one. */
    ticketId: ref('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull().default(''),
    mediaPath: text('media_path'),
    mediaMime: text('media_mime'),
    mediaName: text('media_name'),
    mediaSize: integer('media_size'),
    /** A Cloud API template `{ name, language, components }`, required outside the 24-hour window. */
    template: jsonb('template').$type<Record<string, unknown>>(),
    sendAt: at('send_at').notNull(),
    /** `{ every: 'day'|'week'|'month', times?: n, until?: ISO date }`; null: once. */
    repeat: jsonb('repeat').$type<Record<string, unknown>>(),
    occurrence: integer('occurrence').notNull().default(0),
    status: text('status', { enum: ['scheduled', 'sending', 'sent', 'failed', 'canceled'] })
      .notNull()
      .default('scheduled'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    sentMessageId: ref('sent_message_id').references(() => messages.id, { onDelete: 'set null' }),
    sentAt: at('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('scheduled_messages_company_status_idx').on(t.companyId, t.status, t.sendAt),
    index('scheduled_messages_ticket_idx').on(t.companyId, t.ticketId),
    index('scheduled_messages_contact_idx').on(t.companyId, t.contactId),
  ],
);

/** One satisfaction survey per closed ticket: sent on close, answered by the customer's next messages. */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    companyId: companyRef(),
    ticketId: ticketRef(),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    queueId: ref('queue_id').references(() => queues.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['awaiting_score', 'awaiting_comment', 'answered', 'expired'] }).notNull(),
    score: smallint('score'),
    comment: text('comment'),
    sentAt: at('sent_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    answeredAt: at('answered_at'),
  },
  (t) => [
    uniqueIndex('surveys_ticket_unique').on(t.ticketId),
    // The survey a customer's next message answers: at most one awaiting per contact and connection.
    uniqueIndex('surveys_one_awaiting_per_contact')
      .on(t.connectionId, t.contactId)
      .where(sql`${t.status} in ('awaiting_score', 'awaiting_comment')`),
    index('surveys_company_answered_idx').on(t.companyId, t.answeredAt),
    check('surveys_score_check', sql`${t.score} is null or ${t.score} between 1 and 5`),
  ],
);

/** Sockets each user has open on each node: "online" for assignment is any row seen recently. */
export const agentPresence = pgTable(
  'agent_presence',
  {
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    companyId: companyRef(),
    sockets: integer('sockets').notNull(),
    seenAt: at('seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId] }), index('agent_presence_company_idx').on(t.companyId)],
);
