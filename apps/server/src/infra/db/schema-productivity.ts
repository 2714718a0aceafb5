import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companyRef, users } from './schema-core.js';
import { connections, contacts, messages, queues, tickets } from './schema-conversations.js';
import { at, createdAt, id, ref, updatedAt } from './schema-columns.js';

/** A coloured label on tickets and contacts; some tags are also the lanes of the kanban board. */
export const tags = pgTable(
  'tags',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    /** Position of this tag's lane on the kanban board; null: not a lane. */
    lanePosition: integer('lane_position'),
    /** Sent to the customer once when a ticket's card first enters this lane. */
    laneMessage: text('lane_message'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tags_company_name_unique').on(t.companyId, sql`lower(${t.name})`)],
);

export const ticketTags = pgTable(
  'ticket_tags',
  {
    companyId: companyRef(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    tagId: ref('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.tagId] }), index('ticket_tags_tag_idx').on(t.companyId, t.tagId, t.ticketId)],
);

export const contactTags = pgTable(
  'contact_tags',
  {
    companyId: companyRef(),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tagId: ref('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index('contact_tags_tag_idx').on(t.companyId, t.tagId, t.contactId)],
);

/** "When an inbound message contains X / matches a regex, add tag Y": evaluated by the inbound runner. */
export const tagRules = pgTable(
  'tag_rules',
  {
    id: id(),
    companyId: companyRef(),
    tagId: ref('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    match: text('match', { enum: ['contains', 'regex'] }).notNull(),
    pattern: text('pattern').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('tag_rules_company_idx').on(t.companyId)],
);

/** A lane's message goes out once per ticket and lane, even when the card leaves and comes back. */
export const laneMessagesSent = pgTable(
  'lane_messages_sent',
  {
    companyId: companyRef(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    tagId: ref('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    messageId: ref('message_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.tagId] })],
);

/** Live notifications for one user (an @mention in a note, for now). */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    companyId: companyRef(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    ticketId: ref('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: ref('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: at('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.companyId, t.userId, t.id)],
);

export const quickResponses = pgTable(
  'quick_responses',
  {
    id: id(),
    companyId: companyRef(),
    shortcut: text('shortcut').notNull(),
    body: text('body').notNull().default(''),
    /** company: everyone; queue: members of queueId; personal: only userId. */
    scope: text('scope', { enum: ['company', 'queue', 'personal'] }).notNull(),
    queueId: ref('queue_id').references(() => queues.id, { onDelete: 'cascade' }),
    userId: ref('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('quick_responses_company_idx').on(t.companyId, t.scope)],
);

export const quickResponseAttachments = pgTable(
  'quick_response_attachments',
  {
    id: id(),
    companyId: companyRef(),
    quickResponseId: ref('quick_response_id')
      .notNull()
      .references(() => quickResponses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['image', 'video', 'audio', 'document', 'contact'] }).notNull(),
    /** audio only: sent as a voice note (true) or as a file. */
    asVoice: boolean('as_voice').notNull().default(false),
    mediaPath: text('media_path'),
    mediaMime: text('media_mime'),
    mediaName: text('media_name'),
    mediaSize: integer('media_size'),
    /** contact only: { name, phone, contactId? }. */
    contact: jsonb('contact').$type<{ name: string; phone: string; contactId?: number }>(),
    createdAt: createdAt(),
  },
  (t) => [index('quick_response_attachments_response_idx').on(t.companyId, t.quickResponseId, t.position)],
);

/**
 * A stored file already uploaded to a provider on one connection: re-sent by that media id while it
 * is valid (Meta keeps uploads for 30 days) instead of uploading the same bytes again.
 */
export const providerMedia = pgTable(
  'provider_media',
  {
    companyId: companyRef(),
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    mediaPath: text('media_path').notNull(),
    providerMediaId: text('provider_media_id').notNull(),
    uploadedAt: at('uploaded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.mediaPath] })],
);

/** The company's custom contact fields; values live in contacts.custom_fields under `key`. */
export const customFieldDefinitions = pgTable(
  'custom_field_definitions',
  {
    id: id(),
    companyId: companyRef(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: ['text', 'number', 'date', 'choice'] }).notNull(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('custom_field_definitions_company_key_unique').on(t.companyId, t.key)],
);

/** Who did what that an admin must be able to answer for (LGPD export and anonymisation, deleted notes, merges). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    companyId: companyRef(),
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: ref('target_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_company_idx').on(t.companyId, t.id)],
);

/** A CSV import: counts while it runs, and the rejected rows' report when it ends. */
export const contactImports = pgTable(
  'contact_imports',
  {
    id: id(),
    companyId: companyRef(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    fileName: text('file_name'),
    totalRows: integer('total_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    reportPath: text('report_path'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('contact_imports_company_idx').on(t.companyId, t.id)],
);
