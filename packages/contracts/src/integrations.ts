import { z } from 'zod';

/** POST /api/tickets/:id/ai/suggest-reply: a draft for the composer, never sent by the server. */
export const aiSuggestionSchema = z.object({ text: z.string() });
export type AiSuggestion = z.infer<typeof aiSuggestionSchema>;

/** GET|PUT /api/settings/typebot (admin): the company's Typebot. The API token is write-only. */
export const typebotSettingsSchema = z.object({
  baseUrl: z.string(),
  publicId: z.string(),
  hasApiToken: z.boolean(),
  enabled: z.boolean(),
});
export type TypebotSettings = z.infer<typeof typebotSettingsSchema>;
export const updateTypebotSettingsRequestSchema = z.object({
  baseUrl: z.string().trim().url().max(500),
  publicId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, - and _ only'),
  /** Omitted: keep the stored token; null: remove it. */
  apiToken: z.string().trim().min(1).max(500).nullable().optional(),
  enabled: z.boolean(),
});
export type UpdateTypebotSettingsRequest = z.infer<typeof updateTypebotSettingsRequestSchema>;

/** POST /api/tickets/:id/typebot → 202: the ticket is the bot's until Typebot ends or a person takes over. */
export const typebotStartedSchema = z.object({ sessionId: z.number().int(), status: z.literal('starting') });
export type TypebotStarted = z.infer<typeof typebotStartedSchema>;

/** GET /api/integrations/console (any signed-in user): which integration actions the console offers. */
export const consoleIntegrationsSchema = z.object({
  suggestReply: z.boolean(),
  summarize: z.boolean(),
  typebot: z.boolean(),
});
export type ConsoleIntegrations = z.infer<typeof consoleIntegrationsSchema>;
