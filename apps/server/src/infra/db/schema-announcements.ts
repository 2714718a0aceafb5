import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { companyRef, users } from './schema-core.js';
import { queues } from './schema-conversations.js';
import { at, createdAt, id, ref } from './schema-columns.js';

/**
 * A notice from an admin or supervisor to the team (Comunicados). Its own tables: announcements are
 * never customer messages, and nothing of the ticket pipeline reads them.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: id(),
    companyId: companyRef(),
    /** Null once the author's user row is gone; the announcement stays for its recipients. */
    authorId: ref('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    audienceKind: text('audience_kind', { enum: ['everyone', 'queue', 'users'] }).notNull(),
    /** The queue it was sent to (`audience_kind` = queue); recipients were resolved when posted. */
    audienceQueueId: ref('audience_queue_id').references(() => queues.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** After this it no longer shows as pending. */
    expiresAt: at('expires_at'),
    archivedAt: at('archived_at'),
  },
  (t) => [
    index('announcements_company_idx').on(t.companyId, t.id),
    check('announcements_audience_kind_check', sql`${t.audienceKind} in ('everyone','queue','users')`),
  ],
);

/** Who received it (fixed when posted) and when each one opened and acknowledged it. */
export const announcementRecipients = pgTable(
  'announcement_recipients',
  {
    companyId: companyRef(),
    announcementId: ref('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    seenAt: at('seen_at'),
    ackedAt: at('acked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.userId] }),
    // The banner's query: a user's unacknowledged announcements.
    index('announcement_recipients_user_idx').on(t.companyId, t.userId, t.announcementId),
  ],
);
