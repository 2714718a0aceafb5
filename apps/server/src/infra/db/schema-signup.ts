import { inet, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companyRef, plans, users } from './schema-core.js';
import { at, createdAt, ref } from './schema-columns.js';

/**
 * How a self-service company came to be (docs/signup.md): the WhatsApp number the founder gave (the
 * operator's way to reach a trial), the plan chosen on the site, and when and from where the terms
 * were accepted, which the LGPD asks us to be able to show.
 */
export const signups = pgTable(
  'signups',
  {
    companyId: companyRef().primaryKey(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** E.164, normalised with libphonenumber (Brazil by default). */
    whatsapp: text('whatsapp').notNull(),
    planId: ref('plan_id').references(() => plans.id, { onDelete: 'set null' }),
    termsAcceptedAt: at('terms_accepted_at').notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('signups_user_unique').on(t.userId)],
);
