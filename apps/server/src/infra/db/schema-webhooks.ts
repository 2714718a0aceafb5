import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { companyRef } from './schema-core.js';
import { at, createdAt, id, ref, updatedAt, writtenBy } from './schema-columns.js';

/** A company's outbound webhook: where to POST which events, signed with its own secret. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: id(),
    companyId: companyRef(),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    active: boolean('active').notNull().default(true),
    description: text('description'),
    /** The signing secret, sealed with APP_SECRET (it must be read back to sign). */
    secret: text('secret').notNull(),
    /** First failure since the last success; a subscription failing for WEBHOOK_DISABLE_AFTER_MS is switched off. */
    failingSince: at('failing_since'),
    /** Why it was switched off by the system (null when an admin did it or it is on). */
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_subscriptions_company_idx').on(t.companyId, t.id)],
);

/**
 * Moments that no other row records (message.status, contact.updated), written in the transaction of
 * the change, and only when the company has an active subscription for the event.
 */
export const webhookOutbox = pgTable(
  'webhook_outbox',
  {
    id: id(),
    companyId: companyRef(),
    event: text('event').notNull(),
    ticketId: ref('ticket_id'),
    contactId: ref('contact_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    txid: writtenBy(),
  },
  (t) => [index('webhook_outbox_txid_idx').on(t.txid)],
);

/** Where the relay stopped: every transaction below this id has been read (one row, id 1). */
export const webhookRelay = pgTable('webhook_relay', {
  id: smallint('id').primaryKey(),
  cursor: customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' })('cursor').notNull(),
  updatedAt: updatedAt(),
});

/**
 * One event for one subscription. A lane (the ticket, else the contact) keeps order: only the oldest
 * pending delivery of a lane is tried, so a failing one holds back the later ones of its lane only.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    companyId: companyRef(),
    subscriptionId: bigint('subscription_id', { mode: 'number' })
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** The X-Jimmy-Delivery header: unique per delivery, the same on each of its attempts. */
    deliveryId: uuid('delivery_id')
      .notNull()
      .default(sql`gen_random_uuid()`)
      .unique(),
    event: text('event').notNull(),
    /** The body's `id`: the same for every subscription and for a redelivery (receivers deduplicate by it). */
    eventId: text('event_id').notNull(),
    lane: text('lane').notNull(),
    /** The exact bytes signed and sent. */
    body: text('body').notNull(),
    state: text('state', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    /** Set while an attempt runs, so two workers never send the same delivery at once. */
    leaseUntil: at('lease_until'),
    lastStatus: integer('last_status'),
    lastLatencyMs: integer('last_latency_ms'),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    index('webhook_deliveries_subscription_idx').on(t.companyId, t.subscriptionId, t.id),
    index('webhook_deliveries_pending_idx')
      .on(t.subscriptionId, t.lane, t.id)
      .where(sql`${t.state} = 'pending'`),
  ],
);

/** Every HTTP attempt of a delivery: the log an admin reads. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: id(),
    companyId: companyRef(),
    deliveryId: ref('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    responseStatus: integer('response_status'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
