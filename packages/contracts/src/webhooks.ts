import { z } from 'zod';
import { webhookEventSchema } from './platform.js';

/** Only http(s), at most 2000 characters; whether the host may be reached is checked by the server. */
const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { message: 'must be an http:// or https:// URL' });

const events = z.array(webhookEventSchema).min(1, 'choose at least one event').max(50);

export const webhookSubscriptionSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(webhookEventSchema),
  active: z.boolean(),
  description: z.string().nullable(),
  /** Why the system switched it off (continuous failures); null otherwise. */
  disabledReason: z.string().nullable(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
export const webhookSubscriptionListSchema = z.object({ items: z.array(webhookSubscriptionSchema) });

export const createWebhookSubscriptionRequestSchema = z.object({
  url: webhookUrl,
  events,
  active: z.boolean().optional(),
  description: z.string().trim().max(200).nullable().optional(),
});
export type CreateWebhookSubscriptionRequest = z.infer<typeof createWebhookSubscriptionRequestSchema>;
export const updateWebhookSubscriptionRequestSchema = createWebhookSubscriptionRequestSchema.partial();
export type UpdateWebhookSubscriptionRequest = z.infer<typeof updateWebhookSubscriptionRequestSchema>;

/** The signing secret, shown only when created or rotated. */
export const webhookSecretSchema = webhookSubscriptionSchema.extend({ secret: z.string() });
export type WebhookSubscriptionWithSecret = z.infer<typeof webhookSecretSchema>;

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  latencyMs: z.number().int(),
  at: z.string(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  /** The X-Jimmy-Delivery header. */
  deliveryId: z.string(),
  /** An event name, or `ping` for a test event. */
  event: z.string(),
  eventId: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  requestBody: z.string(),
  createdAt: z.string(),
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryListSchema = z.object({ items: z.array(webhookDeliverySchema) });
export const webhookDeliveryListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) });
export const webhookDeliveryQueuedSchema = z.object({ id: z.number().int(), deliveryId: z.string() });
