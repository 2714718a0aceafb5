import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyRef, users } from './schema-core.js';
import { at, createdAt, id, ref, updatedAt, writtenBy } from './schema-columns.js';

export const queues = pgTable(
  'queues',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    color: text('color').notNull().default('#25D366'),
    /** Sent when a ticket enters this queue during its opening hours. */
    greeting: text('greeting'),
    /** Order on the queues page and, by default, in a connection's menu. */
    position: integer('position').notNull().default(0),
    assignmentMode: text('assignment_mode', { enum: ['manual', 'round_robin', 'least_busy'] })
      .notNull()
      .default('manual'),
    /** Overrides the company's hours (@jimmy/routing Schedule); null: the company's. */
    schedule: jsonb('schedule').$type<Record<string, unknown>>(),
    /** Round-robin's cursor: the next ticket goes to the member after this one. */
    lastAssignedUserId: ref('last_assigned_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('queues_company_name_unique').on(t.companyId, sql`lower(${t.name})`)],
);

export const userQueues = pgTable(
  'user_queues',
  {
    companyId: companyRef(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    queueId: ref('queue_id')
      .notNull()
      .references(() => queues.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.queueId] }), index('user_queues_queue_idx').on(t.companyId, t.queueId)],
);

export const connections = pgTable(
  'connections',
  {
    id: id(),
    companyId: companyRef(),
    type: text('type', { enum: ['whatsapp_cloud', 'whatsapp_web', 'webchat'] }).notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['connecting', 'qr', 'open', 'closed', 'logged_out'] })
      .notNull()
      .default('closed'),
    phoneNumberId: text('phone_number_id'),
    wabaId: text('waba_id'),
    displayPhoneNumber: text('display_phone_number'),
    /** sha256 of the verify token: the handshake compares hashes, the token itself is never stored. */
    verifyTokenHash: text('verify_token_hash'),
    /** AES-GCM sealed with APP_SECRET (see infra/crypto SecretBox). */
    accessTokenSealed: text('access_token_sealed'),
    appSecretSealed: text('app_secret_sealed'),
    widgetKey: text('widget_key'),
    defaultQueueId: ref('default_queue_id').references(() => queues.id, { onDelete: 'set null' }),
    reopenWindowMinutes: integer('reopen_window_minutes').notNull().default(0),
    lastError: text('last_error'),
    /** whatsapp_web: the pairing QR while status is 'qr' (cleared once paired), readable by any node. */
    qr: text('qr'),
    qrExpiresAt: at('qr_expires_at'),
    pairingCode: text('pairing_code'),
    profileName: text('profile_name'),
    /**
     * whatsapp_web: whether some node should keep a session running. Cleared when it stops for a
     * reason a retry would not fix (logged out, QR never scanned, replaced, forbidden); set again
     * by "reconnect".
     */
    sessionWanted: boolean('session_wanted').notNull().default(false),
    deletedAt: at('deleted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Meta routes a webhook by phone_number_id alone, so one number belongs to one live connection platform-wide.
    uniqueIndex('connections_phone_number_unique')
      .on(t.phoneNumberId)
      .where(sql`${t.phoneNumberId} is not null and ${t.deletedAt} is null`),
    uniqueIndex('connections_widget_key_unique')
      .on(t.widgetKey)
      .where(sql`${t.widgetKey} is not null`),
    index('connections_verify_token_idx').on(t.verifyTokenHash),
    index('connections_company_idx').on(t.companyId, t.id),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    /** E.164 with the plus sign, when known. */
    phone: text('phone'),
    waId: text('wa_id'),
    /** WhatsApp business-scoped user id (usernames; the phone may be absent). */
    bsuid: text('bsuid'),
    email: text('email'),
    avatarUrl: text('avatar_url'),
    customFields: jsonb('custom_fields').$type<Record<string, string>>().notNull().default({}),
    /** Blocked: inbound messages are still stored, but open no ticket and wake no bot. */
    blockedAt: at('blocked_at'),
    /** LGPD anonymisation: personal fields cleared, texts replaced, media deleted; tickets kept for statistics. */
    anonymizedAt: at('anonymized_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Outbound webhooks: contact.created. */
    txid: writtenBy(),
  },
  (t) => [
    uniqueIndex('contacts_company_wa_id_unique')
      .on(t.companyId, t.waId)
      .where(sql`${t.waId} is not null`),
    uniqueIndex('contacts_company_bsuid_unique')
      .on(t.companyId, t.bsuid)
      .where(sql`${t.bsuid} is not null`),
    index('contacts_company_name_idx').on(t.companyId, t.name),
    index('contacts_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('contacts_phone_trgm_idx').using('gin', sql`${t.phone} gin_trgm_ops`),
    index('contacts_txid_idx').on(t.txid),
  ],
);

/** How a contact is known on one connection (wa_id, BSUID, Baileys jid or webchat visitor id), and its 24-hour window there. */
export const contactChannels = pgTable(
  'contact_channels',
  {
    companyId: companyRef(),
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    lastInboundAt: at('last_inbound_at'),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.externalId] }), index('contact_channels_contact_idx').on(t.companyId, t.contactId)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    companyId: companyRef(),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    queueId: ref('queue_id').references(() => queues.id, { onDelete: 'set null' }),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** `bot`: the menu or a flow is still talking with the customer; agents do not see it. */
    status: text('status', { enum: ['bot', 'pending', 'open', 'closed'] })
      .notNull()
      .default('pending'),
    /** A callback the customer asked for out of hours: `requested` until the opening, then `surfaced` (flagged, on top). */
    callback: text('callback', { enum: ['requested', 'surfaced'] }),
    unreadCount: integer('unread_count').notNull().default(0),
    lastMessageAt: at('last_message_at').notNull().defaultNow(),
    lastMessageBody: text('last_message_body'),
    lastMessageType: text('last_message_type'),
    lastMessageDirection: text('last_message_direction'),
    /** Last customer message on this conversation: WhatsApp's 24-hour window runs from here. */
    lastInboundAt: at('last_inbound_at'),
    firstResponseAt: at('first_response_at'),
    closedAt: at('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // At most one live ticket per contact and connection, enforced here so concurrent webhooks cannot split a conversation.
    uniqueIndex('tickets_one_live_per_contact')
      .on(t.connectionId, t.contactId)
      .where(sql`${t.status} <> 'closed'`),
    // Ascending on purpose: PostgreSQL scans them backwards for `order by last_message_at desc, id desc`
    // (DESC means NULLS FIRST, which a `desc nulls last` index could not serve).
    index('tickets_company_activity_idx').on(t.companyId, t.lastMessageAt, t.id),
    index('tickets_company_status_activity_idx').on(t.companyId, t.status, t.lastMessageAt, t.id),
    index('tickets_company_user_activity_idx').on(t.companyId, t.userId, t.status, t.lastMessageAt, t.id),
    index('tickets_company_queue_activity_idx').on(t.companyId, t.queueId, t.status, t.lastMessageAt, t.id),
    index('tickets_company_contact_idx').on(t.companyId, t.contactId, t.createdAt),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    companyId: companyRef(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    author: text('author', { enum: ['customer', 'agent', 'bot', 'system'] }).notNull(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    body: text('body').notNull().default(''),
    /** Type-specific data: location, contact cards, interactive choice, template, provider media reference. */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    mediaPath: text('media_path'),
    mediaMime: text('media_mime'),
    mediaName: text('media_name'),
    mediaSize: integer('media_size'),
    mediaState: text('media_state', { enum: ['pending', 'ready', 'failed'] }),
    quotedMessageId: ref('quoted_message_id'),
    reactions: jsonb('reactions').$type<{ emoji: string; by: 'customer' | 'agent' }[]>().notNull().default([]),
    externalId: text('external_id'),
    /** Our own idempotency key for an outbound send, kept across retries (Meta has none). */
    clientRef: uuid('client_ref'),
    sendAttempts: integer('send_attempts').notNull().default(0),
    /** Set when a send timed out: Meta may have accepted it, so it is not sent blindly again. */
    uncertainSince: at('uncertain_since'),
    status: text('status', { enum: ['pending', 'sent', 'delivered', 'read', 'played', 'failed'] }).notNull(),
    statusAt: at('status_at'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    providerAt: at('provider_at'),
    /** Private notes only: when their author last changed them. */
    editedAt: at('edited_at'),
    createdAt: createdAt(),
    /** Outbound webhooks: message.received / message.sent. */
    txid: writtenBy(),
  },
  (t) => [
    uniqueIndex('messages_connection_external_unique')
      .on(t.connectionId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('messages_company_ticket_idx').on(t.companyId, t.ticketId, t.id),
    /** Newest-first walks of one company's messages (message search's first plan). */
    index('messages_company_id_idx').on(t.companyId, t.id),
    uniqueIndex('messages_client_ref_unique')
      .on(t.clientRef)
      .where(sql`${t.clientRef} is not null`),
    index('messages_body_trgm_idx').using('gin', sql`${t.body} gin_trgm_ops`),
    index('messages_txid_idx').on(t.txid),
  ],
);

/**
 * A status can arrive before we stored the provider id of our own outbound message (Meta answers the
 * send and posts the webhook almost at once). Such statuses wait here and are applied when the id lands.
 */
export const pendingStatuses = pgTable(
  'pending_statuses',
  {
    connectionId: ref('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    status: text('status').notNull(),
    at: at('at').notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.externalId, t.status] })],
);

export const webchatVisitors = pgTable('webchat_visitors', {
  id: uuid('id').primaryKey(),
  companyId: companyRef(),
  connectionId: ref('connection_id')
    .notNull()
    .references(() => connections.id, { onDelete: 'cascade' }),
  contactId: ref('contact_id')
    .notNull()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});
