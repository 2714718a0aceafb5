import { z } from 'zod';
import { templateRefSchema } from './routing.js';

const rowId = z.number().int().positive();
/** A path into a received payload: `lead.contact.phone`, `items[0].phone` or `items.0.phone`. */
const payloadPath = z.string().trim().min(1).max(200);

/** Which payload field fills which contact field; every entry optional except, in practice, the phone. */
export const leadMappingSchema = z.object({
  name: payloadPath.nullable().default(null),
  phone: payloadPath.nullable().default(null),
  email: payloadPath.nullable().default(null),
  /** Custom field key → payload path. */
  customFields: z.record(z.string().trim().min(1).max(64), payloadPath).default({}),
  /** A field whose value names tags: a list, or text separated by commas. */
  tags: payloadPath.nullable().default(null),
});
export type LeadMapping = z.infer<typeof leadMappingSchema>;

/**
 * What happens to a mapped lead, in one transaction: the contact (always), these tags, and on a
 * connection a ticket in a queue or a flow; the first message or template is sent after the commit.
 */
export const leadActionsSchema = z.object({
  tagIds: z.array(rowId).max(20).default([]),
  connectionId: rowId.nullable().default(null),
  /** none: only the contact; queue: a pending ticket in `queueId`; flow: a bot ticket running `flowId`. */
  route: z.enum(['none', 'queue', 'flow']).default('none'),
  queueId: rowId.nullable().default(null),
  flowId: rowId.nullable().default(null),
  /** Sent on the ticket; `{{name}}` becomes the lead's name. */
  firstMessage: z.string().trim().max(4096).nullable().default(null),
  template: templateRefSchema.nullable().default(null),
});
export type LeadActions = z.infer<typeof leadActionsSchema>;

export const leadHookSchema = z.object({
  id: rowId,
  name: z.string(),
  active: z.boolean(),
  key: z.string(),
  /** Relative to the server's origin: POST here. */
  path: z.string(),
  /** Requests must also carry `X-Jimmy-Secret`. */
  secretRequired: z.boolean(),
  mapping: leadMappingSchema,
  actions: leadActionsSchema,
  lastReceivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type LeadHook = z.infer<typeof leadHookSchema>;

/** Answered by create and rotate only: the header secret is shown once (null when the key alone is enough). */
export const leadHookWithSecretSchema = leadHookSchema.extend({ secret: z.string().nullable() });
export type LeadHookWithSecret = z.infer<typeof leadHookWithSecretSchema>;

export const createLeadHookRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  active: z.boolean().default(true),
  requireSecret: z.boolean().default(false),
  mapping: leadMappingSchema.default(leadMappingSchema.parse({})),
  actions: leadActionsSchema.default(leadActionsSchema.parse({})),
});
export type CreateLeadHookRequest = z.input<typeof createLeadHookRequestSchema>;

export const updateLeadHookRequestSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  active: z.boolean().optional(),
  mapping: leadMappingSchema.optional(),
  actions: leadActionsSchema.optional(),
});
export type UpdateLeadHookRequest = z.input<typeof updateLeadHookRequestSchema>;

export const rotateLeadHookRequestSchema = z.object({ requireSecret: z.boolean().default(false) });

export const leadHookRequestLogSchema = z.object({
  id: rowId,
  createdAt: z.string(),
  status: z.enum(['accepted', 'rejected', 'failed']),
  httpStatus: z.number().int(),
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }).nullable(),
  contactId: rowId.nullable(),
  ticketId: rowId.nullable(),
  replayOf: rowId.nullable(),
  contentType: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  payload: z.unknown(),
  raw: z.string().nullable(),
});
export type LeadHookRequestLog = z.infer<typeof leadHookRequestLogSchema>;

export const leadHookListSchema = z.object({ items: z.array(leadHookSchema) });
export const leadHookRequestListSchema = z.object({ items: z.array(leadHookRequestLogSchema) });

/** POST /hooks/leads/:key → 202. */
export const leadAcceptedSchema = z.object({ contactId: rowId, ticketId: rowId.optional() });
export type LeadAccepted = z.infer<typeof leadAcceptedSchema>;
