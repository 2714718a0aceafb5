import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companyRef, plans, users } from './schema-core.js';
import { at, createdAt, id, ref, updatedAt } from './schema-columns.js';

/**
 * One-time links sent by e-mail: verify the address given at sign-up, reset a password, accept an
 * invitation. Only the SHA-256 of the token is stored; a used or expired row opens nothing.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: id(),
    companyId: companyRef(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['verify_email', 'reset_password', 'invite'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('account_tokens_hash_unique').on(t.tokenHash),
    index('account_tokens_user_idx').on(t.companyId, t.userId, t.kind),
    check('account_tokens_kind_check', sql`${t.kind} in ('verify_email','reset_password','invite')`),
  ],
);

/** One bill per company and period; paying it (gateway or "mark as paid") extends the company's paid_until. */
export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    companyId: companyRef(),
    planId: ref('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'restrict' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    status: text('status', { enum: ['open', 'paid', 'void'] })
      .notNull()
      .default('open'),
    dueAt: at('due_at').notNull(),
    paidAt: at('paid_at'),
    /** gateway | manual, once paid. */
    paidVia: text('paid_via', { enum: ['gateway', 'manual'] }),
    /** Who marked it as paid by hand (a platform admin). */
    paidByUserId: ref('paid_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The gateway's name and its charge id once a charge exists there. */
    gateway: text('gateway'),
    gatewayChargeId: text('gateway_charge_id'),
    /** Where the customer pays (the gateway's invoice page) and the Pix copy-and-paste code, when known. */
    paymentUrl: text('payment_url'),
    pixCode: text('pix_code'),
    /** Dunning: how many reminders went out, and the last one. */
    remindersSent: integer('reminders_sent').notNull().default(0),
    lastReminderAt: at('last_reminder_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('invoices_company_period_unique').on(t.companyId, t.periodStart),
    uniqueIndex('invoices_gateway_charge_unique').on(t.gateway, t.gatewayChargeId),
    index('invoices_status_due_idx').on(t.status, t.dueAt),
    check('invoices_status_check', sql`${t.status} in ('open','paid','void')`),
    check('invoices_amount_check', sql`${t.amountCents} >= 0`),
  ],
);

/** Every gateway notification ever accepted, by the gateway's own event id: a replay is recognised and ignored. */
export const billingEvents = pgTable(
  'billing_events',
  {
    id: id(),
    gateway: text('gateway').notNull(),
    eventId: text('event_id').notNull(),
    /** The company the event turned out to concern, when it matched an invoice. */
    companyId: ref('company_id'),
    invoiceId: ref('invoice_id'),
    kind: text('kind').notNull(),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex('billing_events_gateway_event_unique').on(t.gateway, t.eventId)],
);

/**
 * Messages sent per company and calendar month (UTC), counted when an outbound message is stored: the
 * monthly limit is checked against one row instead of counting the messages table.
 */
export const usageMonthly = pgTable(
  'usage_monthly',
  {
    companyId: companyRef(),
    month: date('month', { mode: 'string' }).notNull(),
    messagesOut: integer('messages_out').notNull().default(0),
    messagesIn: integer('messages_in').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.month] })],
);
