import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companyRef, users } from './schema-core.js';
import { at, createdAt, id, ref } from './schema-columns.js';

/**
 * A company's key for the public API. Only the SHA-256 of the token is kept: tokens are 256 random
 * bits, so a fast hash is as safe as a password hash here and lets each request find its row by index.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, shown in lists so an admin can tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** The admin who created it: accountable for what it does, shown in history as "API · <name>". */
    createdByUserId: ref('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: at('expires_at'),
    lastUsedAt: at('last_used_at'),
    lastUsedIp: text('last_used_ip'),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_company_idx').on(t.companyId, t.createdAt)],
);

/**
 * One row per `Idempotency-Key` a company used on a public POST: claimed (unique) before the work
 * starts, so a concurrent duplicate cannot act too, and holding the first answer for 24 hours.
 */
export const apiIdempotencyKeys = pgTable(
  'api_idempotency_keys',
  {
    id: id(),
    companyId: companyRef(),
    key: text('key').notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is still running. */
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_idempotency_company_key_unique').on(t.companyId, t.key),
    index('api_idempotency_created_idx').on(t.createdAt),
    check('api_idempotency_key_length', sql`char_length(${t.key}) between 1 and 255`),
  ],
);
