import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, integer } from 'drizzle-orm/pg-core';
import { companyRef, users } from './schema-core.js';
import { at, createdAt, id, ref, updatedAt } from './schema-columns.js';

/**
 * Internal chat (docs/team-chat.md): the team talking to each other. Its own tables, never mixed
 * with customer tickets and messages.
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    id: id(),
    companyId: companyRef(),
    kind: text('kind', { enum: ['direct', 'group'] }).notNull(),
    /** Groups only; a 1:1 is named after the other person, per reader. */
    name: text('name'),
    /** 1:1 only: "<smaller user id>:<larger user id>", unique per company, so a pair has one conversation. */
    directKey: text('direct_key'),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastMessageId: ref('last_message_id'),
    lastMessageAt: at('last_message_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('chat_conversations_direct_unique').on(t.companyId, t.directKey),
    index('chat_conversations_company_idx').on(t.companyId, t.lastMessageAt),
  ],
);

export const chatMembers = pgTable(
  'chat_members',
  {
    companyId: companyRef(),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => chatConversations.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** admin: may rename the group and change its members (the creator starts as one). */
    role: text('role', { enum: ['admin', 'member'] })
      .notNull()
      .default('member'),
    /** The newest message this member has seen; everything after it (by others) is unread. */
    lastReadMessageId: ref('last_read_message_id'),
    readAt: at('read_at'),
    joinedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('chat_members_user_idx').on(t.companyId, t.userId)],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: id(),
    companyId: companyRef(),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => chatConversations.id, { onDelete: 'cascade' }),
    authorId: ref('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull().default(''),
    /** User ids the body @mentions (members of the conversation when it was posted). */
    mentions: jsonb('mentions').$type<number[]>().notNull().default([]),
    /** `#1234` ticket ids in the body; whether each reader may see them is decided when read. */
    ticketIds: jsonb('ticket_ids').$type<number[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index('chat_messages_conversation_idx').on(t.companyId, t.conversationId, t.id),
    // History search: `body ilike '%…%'` in the caller's conversations.
    index('chat_messages_body_trgm_idx').using('gin', sql`${t.body} gin_trgm_ops`),
  ],
);

/** A file posted with a chat message, kept in the media storage and served only to the conversation's members. */
export const chatAttachments = pgTable(
  'chat_attachments',
  {
    id: id(),
    companyId: companyRef(),
    messageId: ref('message_id')
      .notNull()
      .references(() => chatMessages.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    mimeType: text('mime_type').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('chat_attachments_message_unique').on(t.messageId)],
);

/** Users whose client said they are idle ("away") while still connected. */
export const chatAway = pgTable('chat_away', {
  userId: ref('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  companyId: companyRef(),
  since: at('since').notNull().defaultNow(),
});
