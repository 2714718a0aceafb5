import { z } from 'zod';
import { apiScopeSchema } from './platform.js';

/** What an admin sees of a token: never the token itself, which is shown once at creation. */
export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  scopes: z.array(apiScopeSchema),
  /** The token's first characters, to tell tokens apart (`jc_live_AbCd…`). */
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const createApiTokenRequestSchema = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z
    .array(apiScopeSchema)
    .min(1, 'choose at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
  /** ISO 8601 with offset; must be in the future. */
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type CreateApiTokenRequest = z.input<typeof createApiTokenRequestSchema>;

export const createdApiTokenSchema = z.object({
  id: z.number().int(),
  /** Shown this once: only its hash is stored. */
  token: z.string(),
  apiToken: apiTokenSchema,
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
