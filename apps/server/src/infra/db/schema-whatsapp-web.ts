import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { companyRef } from './schema-core.js';
import { connections } from './schema-conversations.js';
import { at, ref } from './schema-columns.js';

const connectionRef = () =>
  ref('connection_id')
    .notNull()
    .references(() => connections.id, { onDelete: 'cascade' });

/** Baileys creds of a QR connection, sealed with APP_SECRET (AES-256-GCM). One row per connection. */
export const waAuthCreds = pgTable('wa_auth_creds', {
  connectionId: connectionRef().primaryKey(),
  companyId: companyRef(),
  sealed: text('sealed').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Signal keys (pre-keys, sessions, sender keys, app-state keys) of a QR connection, each value sealed. */
export const waAuthKeys = pgTable(
  'wa_auth_keys',
  {
    connectionId: connectionRef(),
    companyId: companyRef(),
    type: text('type').notNull(),
    keyId: text('key_id').notNull(),
    sealed: text('sealed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.type, t.keyId] })],
);

/**
 * The WhatsApp protobuf of messages we received or sent on a QR connection. Baileys needs it to
 * answer retry receipts (getMessage), to quote and react, and to download media (media keys).
 */
export const waMessages = pgTable(
  'wa_messages',
  {
    connectionId: connectionRef(),
    companyId: companyRef(),
    keyId: text('key_id').notNull(),
    message: jsonb('message').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.keyId] }), index('wa_messages_created_idx').on(t.createdAt)],
);

/** Which server process runs a QR connection's socket. Renewed by its owner; taken over once expired. */
export const connectionLeases = pgTable('connection_leases', {
  connectionId: connectionRef().primaryKey(),
  companyId: companyRef(),
  ownerNode: text('owner_node').notNull(),
  expiresAt: at('expires_at').notNull(),
  acquiredAt: at('acquired_at').notNull().defaultNow(),
});
