import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PlanLimits } from '@jimmy/contracts';
import { at, createdAt, id, ref, updatedAt } from './schema-columns.js';

/** The owning company of a tenant row; deleting a company deletes its rows. */
export const companyRef = () =>
  ref('company_id')
    .notNull()
    .references(() => companies.id, { onDelete: 'cascade' });

/**
 * What a company pays for and what it may create (platform rows: no company_id). `limits` is validated by
 * planLimitsSchema (@jimmy/contracts); a null limit means none.
 */
export const plans = pgTable(
  'plans',
  {
    id: id(),
    name: text('name').notNull(),
    /** Monthly price in centavos of BRL. */
    priceCents: integer('price_cents').notNull(),
    trialDays: integer('trial_days').notNull().default(7),
    limits: jsonb('limits').$type<PlanLimits>().notNull(),
    /** Shown on the site's pricing and offered at sign-up. */
    public: boolean('public').notNull().default(true),
    /** Archived plans keep their companies but are offered to nobody new. */
    archived: boolean('archived').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('plans_price_check', sql`${t.priceCents} >= 0`), check('plans_trial_days_check', sql`${t.trialDays} between 0 and 365`)],
);

export const companies = pgTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('America/Sao_Paulo'),
    active: boolean('active').notNull().default(true),
    /** Routing, hours, survey and scheduling settings, validated by companySettingsSchema (@jimmy/contracts); {} means defaults. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** trial | active | read_only | suspended (companyStatuses in @jimmy/contracts); seeded and older companies are active. */
    status: text('status', { enum: ['trial', 'active', 'read_only', 'suspended'] })
      .notNull()
      .default('active'),
    /** Null: no plan, no limits (self-hosted, or created before plans). */
    planId: ref('plan_id').references(() => plans.id, { onDelete: 'restrict' }),
    trialEndsAt: at('trial_ends_at'),
    /** Paid through this moment; past it (plus the grace period) the company turns read-only. */
    paidUntil: at('paid_until'),
    /** Why and since when the status is what it is (trial expired, invoice overdue, operator). */
    statusReason: text('status_reason'),
    statusChangedAt: at('status_changed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('companies_status_check', sql`${t.status} in ('trial','active','read_only','suspended')`),
    index('companies_status_idx').on(t.status, t.trialEndsAt),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: ['super_admin', 'admin', 'supervisor', 'agent'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    language: text('language', { enum: ['pt-BR', 'en'] })
      .notNull()
      .default('pt-BR'),
    theme: text('theme', { enum: ['light', 'dark', 'auto'] })
      .notNull()
      .default('auto'),
    notificationsEnabled: boolean('notifications_enabled').notNull().default(true),
    /** False from sign-up until the e-mail link is opened; users created any other way start verified. */
    emailVerified: boolean('email_verified').notNull().default(true),
    /** Most open tickets the least-busy assignment gives this agent; null: no limit. */
    maxOpenTickets: integer('max_open_tickets'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Login is by email alone, so an address names one user across the whole platform.
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_company_idx').on(t.companyId, t.name),
    check('users_role_check', sql`${t.role} in ('super_admin','admin','supervisor','agent')`),
  ],
);

/** One row per login: access tokens name it, so logging out or deactivating a user cuts them off at once. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    companyId: companyRef(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent'),
    ip: text('ip'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    /** A platform operator signed in as this user for support; GET /api/me shows who. */
    impersonatorUserId: ref('impersonator_user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.companyId, t.userId)],
);

/**
 * Every refresh token ever issued for a session, stored as a hash. A token is good once: using it
 * marks it used and issues the next; presenting a used one again means it leaked, and the whole
 * session is revoked (refresh-token reuse detection).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    companyId: companyRef(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_unique').on(t.tokenHash), index('refresh_tokens_session_idx').on(t.sessionId)],
);
