import { z } from 'zod';

/*
 * Service flows over HTTP. The graph itself is @jimmy/flow-engine's FlowGraph: the server checks it
 * with the engine's flowGraphSchema / validateFlow, so the console bundle does not carry the engine
 * (only the lazily loaded builder does).
 */

const flowName = z.string().trim().min(1).max(80);

/** A publish problem, one per node or edge; the builder makes each clickable to its node. */
export const flowProblemSchema = z.object({
  /**
   * The engine's FlowProblemCode (unreachable, danglingEdge, invalidField…) or the server's
   * `unknownReference`: a queue, agent or flow the node names that is not the company's (or is gone).
   * `mediaUnavailable`: a Media node's URL could not be fetched when publishing.
   */
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
});
export type FlowProblemDto = z.infer<typeof flowProblemSchema>;

export const flowSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  /** Null until the first publish. */
  publishedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  /** Connections that run this flow on new tickets. */
  connectionIds: z.array(z.number().int()),
  updatedAt: z.string(),
});
export type FlowSummary = z.infer<typeof flowSummarySchema>;
export const flowListSchema = z.object({ items: z.array(flowSummarySchema) });

/** GET /api/flows/:id: the summary plus the draft graph the builder edits. */
export const flowDetailSchema = flowSummarySchema.extend({
  draft: z.unknown(),
  /** Whether the draft differs from the published version (the builder's "unpublished changes"). */
  draftChanged: z.boolean(),
});
export type FlowDetail = z.infer<typeof flowDetailSchema>;

/** POST /api/flows: without a graph the flow starts with a Start node only; `graph` imports an exported flow. */
export const createFlowRequestSchema = z.object({
  name: flowName,
  description: z.string().trim().max(500).optional(),
  graph: z.unknown().optional(),
});
export type CreateFlowRequest = z.infer<typeof createFlowRequestSchema>;

/** PUT /api/flows/:id: the builder's autosave. The draft must match the graph format, not be publishable. */
export const updateFlowRequestSchema = z.object({
  name: flowName.optional(),
  description: z.string().trim().max(500).optional(),
  draft: z.unknown().optional(),
});
export type UpdateFlowRequest = z.infer<typeof updateFlowRequestSchema>;

export const flowVersionSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  publishedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type FlowVersionDto = z.infer<typeof flowVersionSchema>;
export const flowVersionListSchema = z.object({ items: z.array(flowVersionSchema) });

/** GET /api/flows/:id/analytics?from=&to=: per node, sessions that reached it and that stopped there. */
export const flowAnalyticsQuerySchema = z.object({
  /** ISO 8601; default seven days before `to`. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO 8601, exclusive; default now. */
  to: z.iso.datetime({ offset: true }).optional(),
});
export const flowAnalyticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  sessions: z.number().int(),
  nodes: z.array(z.object({ nodeId: z.string(), reached: z.number().int(), stopped: z.number().int() })),
});
export type FlowAnalytics = z.infer<typeof flowAnalyticsSchema>;

/** GET /api/tickets/:id/flow-runs ("Ver execução do fluxo", managers): each session with its steps. */
export const flowStepSchema = z.object({
  id: z.number().int(),
  event: z.string(),
  eventData: z.record(z.string(), z.unknown()),
  nodeIds: z.array(z.string()),
  nodeId: z.string().nullable(),
  effects: z.array(z.unknown()),
  variables: z.record(z.string(), z.string()),
  log: z.array(z.unknown()),
  createdAt: z.string(),
});
export const flowRunSchema = z.object({
  sessionId: z.number().int(),
  flowId: z.number().int(),
  flowName: z.string(),
  version: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  steps: z.array(flowStepSchema),
});
export type FlowRun = z.infer<typeof flowRunSchema>;
export const flowRunListSchema = z.object({ items: z.array(flowRunSchema) });

/** POST /api/flows/simulate/http: the simulator's real HTTP call, made by the server behind its SSRF guard. */
export const simulateHttpRequestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  url: z.string().url(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(10_000),
});
export const simulateResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown(), status: z.number().int().optional() }),
  /** `status` when the server answered (a non-2xx, a redirect); absent for refusals, timeouts and network errors. */
  z.object({ ok: z.literal(false), error: z.string(), status: z.number().int().optional() }),
]);
export type SimulateHttpRequest = z.infer<typeof simulateHttpRequestSchema>;
export type SimulateResult = z.infer<typeof simulateResultSchema>;

/** POST /api/flows/simulate/ai: the AI node's call with the company's AI integration, for the simulator. */
export const simulateAiRequestSchema = z.object({
  systemPrompt: z.string().max(20_000),
  messages: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(20_000) }))
    .max(100)
    .default([]),
});
export type SimulateAiRequest = z.infer<typeof simulateAiRequestSchema>;
export const simulateAiResultSchema = z.union([
  z.object({ ok: z.literal(true), text: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type SimulateAiResult = z.infer<typeof simulateAiResultSchema>;

/** GET|PUT /api/settings/ai (admin): the OpenAI-compatible endpoint AI nodes call. The key is write-only. */
export const aiSettingsSchema = z.object({
  baseUrl: z.string(),
  model: z.string(),
  hasApiKey: z.boolean(),
  /** Off: nothing calls the endpoint (AI nodes and the console's assist actions). */
  enabled: z.boolean(),
  /** The console's assist actions the company allows. */
  suggestReply: z.boolean(),
  summarize: z.boolean(),
});
export type AiSettings = z.infer<typeof aiSettingsSchema>;
export const updateAiSettingsRequestSchema = z.object({
  baseUrl: z.string().trim().url().max(500),
  model: z.string().trim().min(1).max(100),
  /** Omitted: keep the stored key; null: remove it. */
  apiKey: z.string().trim().min(1).max(500).nullable().optional(),
  /** Omitted: unchanged (a new integration starts on, with both assist actions). */
  enabled: z.boolean().optional(),
  suggestReply: z.boolean().optional(),
  summarize: z.boolean().optional(),
});
export type UpdateAiSettingsRequest = z.infer<typeof updateAiSettingsRequestSchema>;

/** A file of the flow media library (Media nodes' `{ libraryId }` is its id as a string). */
export const flowMediaSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['image', 'video', 'audio', 'document']),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Set when publishing fetched it from a Media node's URL. */
  sourceUrl: z.string().nullable().optional(),
  createdAt: z.string().optional(),
});
export type FlowMedia = z.infer<typeof flowMediaSchema>;
export const flowMediaListSchema = z.object({ items: z.array(flowMediaSchema) });
