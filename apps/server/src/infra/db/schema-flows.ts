import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { companies, companyRef, users } from './schema-core.js';
import { connections, tickets } from './schema-conversations.js';
import { at, createdAt, id, ref, updatedAt } from './schema-columns.js';

/**
 * A service flow: the draft the builder edits (saved as the user works) and a pointer to the
 * version connections run. Publishing copies the draft into an immutable flow_versions row.
 */
export const flows = pgTable(
  'flows',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The builder's working graph (@jimmy/flow-engine FlowGraph); may be invalid until publish. */
    draft: jsonb('draft').$type<Record<string, unknown>>().notNull(),
    publishedVersionId: ref('published_version_id').references((): AnyPgColumn => flowVersions.id, { onDelete: 'set null' }),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('flows_company_name_unique').on(t.companyId, sql`lower(${t.name})`)],
);

/** What publish froze: sessions pin one of these and keep it while newer versions appear. */
export const flowVersions = pgTable(
  'flow_versions',
  {
    id: id(),
    companyId: companyRef(),
    flowId: ref('flow_id')
      .notNull()
      .references((): AnyPgColumn => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<Record<string, unknown>>().notNull(),
    /** Media nodes' URLs fetched at publish time: url → flow_media id (sending never fetches). */
    media: jsonb('media').$type<Record<string, number>>().notNull().default({}),
    publishedBy: ref('published_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('flow_versions_flow_version_unique').on(t.flowId, t.version)],
);

/** The flow a connection runs on new tickets (none: the routing menu applies). A table, like connection_queues. */
export const connectionFlows = pgTable(
  'connection_flows',
  {
    connectionId: ref('connection_id')
      .primaryKey()
      .references(() => connections.id, { onDelete: 'cascade' }),
    companyId: companyRef(),
    flowId: ref('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    updatedAt: updatedAt(),
  },
  (t) => [index('connection_flows_flow_idx').on(t.flowId)],
);

/** One bot conversation on a ticket: the engine's FlowSession JSON plus what the runner needs to find it. */
export const flowSessions = pgTable(
  'flow_sessions',
  {
    id: id(),
    companyId: companyRef(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    flowId: ref('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    flowVersionId: ref('flow_version_id')
      .notNull()
      .references(() => flowVersions.id, { onDelete: 'cascade' }),
    /** The engine's session (status, node, variables, waiting…), stored as the engine returned it. */
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    /** completed | transfer | closed | goToFlow | loop | error | takeover | ticket-closed; null while running. */
    endReason: text('end_reason'),
    startedAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: at('ended_at'),
  },
  (t) => [
    // At most one running session per ticket: the runner and takeover both rely on it.
    uniqueIndex('flow_sessions_running_unique')
      .on(t.ticketId)
      .where(sql`${t.endedAt} is null`),
    index('flow_sessions_flow_idx').on(t.companyId, t.flowId, t.startedAt),
  ],
);

/** Every step of every session (node, event, effects, variables): "Ver execução do fluxo" and the analytics read these. */
export const flowStepLogs = pgTable(
  'flow_step_logs',
  {
    id: id(),
    companyId: companyRef(),
    sessionId: ref('session_id')
      .notNull()
      .references(() => flowSessions.id, { onDelete: 'cascade' }),
    flowId: ref('flow_id').notNull(),
    flowVersionId: ref('flow_version_id').notNull(),
    /** start | reply | timeout | effectResult */
    event: text('event').notNull(),
    eventData: jsonb('event_data').$type<Record<string, unknown>>().notNull().default({}),
    /** Every node this step entered, in order (the reach counts of the analytics). */
    nodeIds: text('node_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Where the session stands after the step (waiting node, or the last one before it ended). */
    nodeId: text('node_id'),
    effects: jsonb('effects').$type<unknown[]>().notNull().default([]),
    variables: jsonb('variables').$type<Record<string, string>>().notNull().default({}),
    log: jsonb('log').$type<unknown[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index('flow_step_logs_session_idx').on(t.sessionId, t.id),
    index('flow_step_logs_flow_idx').on(t.companyId, t.flowId, t.createdAt),
  ],
);

/** The company's OpenAI-compatible endpoint for AI nodes; the key is sealed like connection secrets. */
export const aiIntegrations = pgTable('ai_integrations', {
  companyId: ref('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'cascade' }),
  baseUrl: text('base_url').notNull(),
  model: text('model').notNull(),
  apiKeySealed: text('api_key_sealed'),
  /** Off: nothing calls the endpoint (AI nodes fail their AI branch, console actions answer AI_DISABLED). */
  enabled: boolean('enabled').notNull().default(true),
  /** The console's assist actions, each switchable per company. */
  suggestReply: boolean('suggest_reply').notNull().default(true),
  summarize: boolean('summarize').notNull().default(true),
  updatedAt: updatedAt(),
});

/** The company's files for Media nodes: uploaded in the builder, or fetched from a node's URL when publishing. */
export const flowMedia = pgTable(
  'flow_media',
  {
    id: id(),
    companyId: companyRef(),
    /** image | video | audio | document */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** A storage key, like message and quick-response files. */
    path: text('path').notNull(),
    /** Set when publish fetched it from a Media node's URL. */
    sourceUrl: text('source_url'),
    createdAt: createdAt(),
  },
  (t) => [index('flow_media_company_idx').on(t.companyId, t.createdAt)],
);
