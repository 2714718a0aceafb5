import { pgTable } from 'drizzle-orm/pg-core';
import { companies, users } from './schema-core.js';
import { at, ref, updatedAt } from './schema-columns.js';

/**
 * What the first-steps checklist keeps besides the steps themselves (those are computed from the
 * company's rows): whether an admin hid it. Its own table rather than companies.settings, which the
 * settings page rewrites section by section from a schema that knows nothing of it.
 */
export const onboardingState = pgTable('onboarding_state', {
  companyId: ref('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'cascade' }),
  dismissedAt: at('dismissed_at'),
  dismissedBy: ref('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});
