import { sql } from 'drizzle-orm';
import { bigint, customType, date, index, integer, jsonb, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { companyRef } from './schema-core.js';
import { at } from './schema-columns.js';

/**
 * Reports read these tables only, never messages at request time (docs/reports.md). Every counter
 * row is one UTC hour of one (tag, queue, agent, connection) cell; 0 stands for "none" in a key
 * (tag 0 = every ticket, whatever its tags). The aggregator keeps them equal to the sum of the
 * per-ticket ledgers below, which a day's recomputation checks against the raw rows.
 */
const key = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
const counter = (name: string) => integer(name).notNull().default(0);

/** Counter columns of report_hourly, in one place for the aggregator, recomputation and queries. */
export const REPORT_COUNTERS = [
  'opened',
  'closed',
  'reopened',
  'bot_contained',
  'transfers',
  'assigned',
  'messages_in',
  'messages_out',
  'callbacks_requested',
  'callbacks_done',
  'csat_count',
  'csat_sum',
  'csat_1',
  'csat_2',
  'csat_3',
  'csat_4',
  'csat_5',
  'pending_delta',
  'online_seconds',
] as const;

export const reportHourly = pgTable(
  'report_hourly',
  {
    companyId: companyRef(),
    tagId: key('tag_id'),
    hour: at('hour').notNull(),
    queueId: key('queue_id'),
    userId: key('user_id'),
    connectionId: key('connection_id'),
    opened: counter('opened'),
    closed: counter('closed'),
    reopened: counter('reopened'),
    botContained: counter('bot_contained'),
    transfers: counter('transfers'),
    assigned: counter('assigned'),
    messagesIn: counter('messages_in'),
    messagesOut: counter('messages_out'),
    callbacksRequested: counter('callbacks_requested'),
    callbacksDone: counter('callbacks_done'),
    csatCount: counter('csat_count'),
    csatSum: counter('csat_sum'),
    csat1: counter('csat_1'),
    csat2: counter('csat_2'),
    csat3: counter('csat_3'),
    csat4: counter('csat_4'),
    csat5: counter('csat_5'),
    /** +1 when a ticket enters pending in this cell, −1 when it leaves: the gauge is a running sum. */
    pendingDelta: counter('pending_delta'),
    /** From presence, not from tickets: kept as is by a day's recomputation (no raw history). */
    onlineSeconds: counter('online_seconds'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.tagId, t.hour, t.queueId, t.userId, t.connectionId] })],
);

/**
 * Duration histograms, sparse: one row per non-empty log-scale bucket (reports-histogram.ts), so
 * p50/p90 of any filter and period merge a few hundred rows instead of reading raw tickets.
 */
export const reportHourlyHist = pgTable(
  'report_hourly_hist',
  {
    companyId: companyRef(),
    tagId: key('tag_id'),
    hour: at('hour').notNull(),
    queueId: key('queue_id'),
    userId: key('user_id'),
    connectionId: key('connection_id'),
    /** 1 firstResponse, 2 queueWait, 3 handling, 4 resolution, 5 callbackDelay. */
    metric: smallint('metric').notNull(),
    bucket: smallint('bucket').notNull(),
    count: counter('count'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.tagId, t.hour, t.queueId, t.userId, t.connectionId, t.metric, t.bucket] })],
);

/**
 * The same counters summed per UTC day (kept by the same upserts as the hourly rows): long periods
 * read whole days here and only their partial edge days from report_hourly.
 */
export const reportDaily = pgTable(
  'report_daily',
  {
    companyId: companyRef(),
    tagId: key('tag_id'),
    day: date('day', { mode: 'string' }).notNull(),
    queueId: key('queue_id'),
    userId: key('user_id'),
    connectionId: key('connection_id'),
    opened: counter('opened'),
    closed: counter('closed'),
    reopened: counter('reopened'),
    botContained: counter('bot_contained'),
    transfers: counter('transfers'),
    assigned: counter('assigned'),
    messagesIn: counter('messages_in'),
    messagesOut: counter('messages_out'),
    callbacksRequested: counter('callbacks_requested'),
    callbacksDone: counter('callbacks_done'),
    csatCount: counter('csat_count'),
    csatSum: counter('csat_sum'),
    csat1: counter('csat_1'),
    csat2: counter('csat_2'),
    csat3: counter('csat_3'),
    csat4: counter('csat_4'),
    csat5: counter('csat_5'),
    /** +1 when a ticket enters pending in this cell, −1 when it leaves: the gauge is a running sum. */
    pendingDelta: counter('pending_delta'),
    /** From presence, not from tickets: kept as is by a day's recomputation (no raw history). */
    onlineSeconds: counter('online_seconds'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.tagId, t.day, t.queueId, t.userId, t.connectionId] })],
);

/** Histogram buckets per UTC day, like report_daily. */
export const reportDailyHist = pgTable(
  'report_daily_hist',
  {
    companyId: companyRef(),
    tagId: key('tag_id'),
    day: date('day', { mode: 'string' }).notNull(),
    queueId: key('queue_id'),
    userId: key('user_id'),
    connectionId: key('connection_id'),
    /** 1 firstResponse, 2 queueWait, 3 handling, 4 resolution, 5 callbackDelay. */
    metric: smallint('metric').notNull(),
    bucket: smallint('bucket').notNull(),
    count: counter('count'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.tagId, t.day, t.queueId, t.userId, t.connectionId, t.metric, t.bucket] })],
);

/**
 * What one ticket added to one hour (every cell and field), so a change to the ticket applies the
 * difference between its new and old contribution. No foreign key: a deleted ticket's ledger is
 * still what must be taken back out of the counters.
 */
export const reportTicketLedger = pgTable(
  'report_ticket_ledger',
  {
    companyId: companyRef(),
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    hour: at('hour').notNull(),
    cells: jsonb('cells').$type<Record<string, Record<string, number>>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.hour] }), index('report_ticket_ledger_company_hour_idx').on(t.companyId, t.hour)],
);

const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** The aggregator's checkpoint: every transaction below `cursor` has been folded in (one row, id 1). */
export const reportCursor = pgTable('report_cursor', {
  id: smallint('id').primaryKey(),
  cursor: xid8('cursor')
    .notNull()
    .default(sql`'0'::xid8`),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Up to when each agent's online time was counted (presence has no history to replay). */
export const reportPresenceMarks = pgTable('report_presence_marks', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey(),
  companyId: companyRef(),
  countedUntil: at('counted_until').notNull(),
});

/** The nightly recomputation's claims and results: one per company and local day. */
export const reportRecomputes = pgTable(
  'report_recomputes',
  {
    companyId: companyRef(),
    day: date('day').notNull(),
    trigger: text('trigger', { enum: ['nightly', 'admin'] }).notNull(),
    driftCount: integer('drift_count'),
    rowsRewritten: integer('rows_rewritten'),
    ranAt: at('ran_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.day, t.trigger] })],
);
