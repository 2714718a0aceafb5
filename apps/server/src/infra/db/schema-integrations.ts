import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companies, companyRef } from './schema-core.js';
import { tickets } from './schema-conversations.js';
import { at, createdAt, id, ref, updatedAt } from './schema-columns.js';

/** The company's Typebot (self-hosted or typebot.io): where its published bot answers the public chat API. */
export const typebotIntegrations = pgTable('typebot_integrations', {
  companyId: ref('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'cascade' }),
  baseUrl: text('base_url').notNull(),
  publicId: text('public_id').notNull(),
  /** SecretBox-sealed; null for a bot that needs no token. */
  apiTokenSealed: text('api_token_sealed'),
  enabled: boolean('enabled').notNull().default(false),
  updatedAt: updatedAt(),
});

/**
 * One Typebot conversation relayed for a ticket. The call in flight and the customer's replies
 * waiting behind it live here, so the relay resumes after a restart and keeps the replies in order.
 */
export const typebotSessions = pgTable(
  'typebot_sessions',
  {
    id: id(),
    companyId: companyRef(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** Typebot's sessionId, known once startChat answered. */
    remoteSessionId: text('remote_session_id'),
    /** The call a job is making: `{ requestId, kind: 'start' | 'continue', text? }`; null when idle. */
    inFlight: jsonb('in_flight').$type<Record<string, unknown> | null>(),
    /** Customer replies that arrived while a call was in flight, oldest first. */
    queued: jsonb('queued').$type<string[]>().notNull().default([]),
    /** The last choice input's items, so "2" or a tapped option is sent back as the item's text. */
    choices: jsonb('choices').$type<Array<{ id: string; content: string }>>().notNull().default([]),
    /** completed | failed | takeover | ticket-closed; null while running. */
    endReason: text('end_reason'),
    startedBy: ref('started_by'),
    startedAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: at('ended_at'),
  },
  (t) => [
    // One running Typebot conversation per ticket: start refuses a second, takeover ends it.
    uniqueIndex('typebot_sessions_running_unique')
      .on(t.ticketId)
      .where(sql`${t.endedAt} is null`),
    index('typebot_sessions_company_idx').on(t.companyId, t.startedAt),
  ],
);
