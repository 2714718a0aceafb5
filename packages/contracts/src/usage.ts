import { z } from 'zod';
import { companyStatusSchema, limitedResourceSchema } from './saas.js';

/** One counted resource of `GET /api/usage`: `limit` null means the plan does not limit it. */
export const usageItemSchema = z.object({
  resource: limitedResourceSchema,
  used: z.number().int().min(0),
  limit: z.number().int().min(0).nullable(),
});
export type UsageItem = z.infer<typeof usageItemSchema>;

/** `GET /api/usage` (admins, SAAS=on): what the company's plan includes and how much of it is used. */
export const usageResponseSchema = z.object({
  /** Null: no plan, nothing limited. */
  plan: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  status: companyStatusSchema,
  trialEndsAt: z.string().nullable(),
  /** messagesPerMonth counts the current calendar month (UTC). */
  month: z.string(),
  items: z.array(usageItemSchema),
  features: z.object({ apiAccess: z.boolean(), internalChat: z.boolean() }),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;
