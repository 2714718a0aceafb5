import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { companies, users } from './schema-core.js';
import { createdAt, id, ref } from './schema-columns.js';

/**
 * What the platform operators did (plan changes, trial extensions, suspensions, exports, deletions,
 * support sign-ins). `company_id` is null for platform-wide actions (plans) and after the company is
 * deleted; the deleted company's id and name stay in `details`. A company's admins read their own rows.
 */
export const platformAudit = pgTable(
  'platform_audit',
  {
    id: id(),
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    companyId: ref('company_id').references(() => companies.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('platform_audit_company_idx').on(t.companyId, t.createdAt), index('platform_audit_created_idx').on(t.createdAt)],
);
