import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companyRef } from './schema-core.js';
import { at, createdAt, id, ref, updatedAt } from './schema-columns.js';

/**
 * An inbound lead webhook (POST /hooks/leads/:key): a website form or an automation tool posts a
 * lead, the mapping reads it, the actions file it (contact, tags, ticket or flow, first message).
 */
export const leadHooks = pgTable(
  'lead_hooks',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    /** The URL's last segment: 32 random base64url characters, unique across companies (it routes the request). */
    key: text('key').notNull(),
    /** sha256 of the X-Jimmy-Secret value, when the hook asks for one on top of the key; null: the key alone. */
    secretHash: text('secret_hash'),
    /** Payload paths → contact fields and tags (contracts: leadMappingSchema). */
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull().default({}),
    /** What happens to a mapped lead (contracts: leadActionsSchema). */
    actions: jsonb('actions').$type<Record<string, unknown>>().notNull().default({}),
    lastReceivedAt: at('last_received_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('lead_hooks_key_unique').on(t.key), index('lead_hooks_company_idx').on(t.companyId, t.id)],
);

/** Every request a hook received, its payload and what became of it: the mapping screen and replay read it. */
export const leadHookRequests = pgTable(
  'lead_hook_requests',
  {
    id: id(),
    companyId: companyRef(),
    hookId: ref('hook_id')
      .notNull()
      .references(() => leadHooks.id, { onDelete: 'cascade' }),
    contentType: text('content_type'),
    /** A few headers worth seeing (content type, user agent, origin); never the secret. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** The parsed payload; null when it could not be parsed (then `raw` holds the start of the body). */
    payload: jsonb('payload').$type<unknown>(),
    raw: text('raw'),
    status: text('status', { enum: ['accepted', 'rejected', 'failed'] }).notNull(),
    httpStatus: integer('http_status').notNull(),
    error: jsonb('error').$type<{ code: string; message: string; fields?: Record<string, string> }>(),
    contactId: ref('contact_id'),
    ticketId: ref('ticket_id'),
    /** Set on a replay: the logged request it re-ran. */
    replayOf: ref('replay_of'),
    createdAt: createdAt(),
  },
  (t) => [index('lead_hook_requests_hook_idx').on(t.companyId, t.hookId, t.id)],
);
