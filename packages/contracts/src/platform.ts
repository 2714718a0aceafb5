import { z } from 'zod';

/** What an API token may do; each public route names the one scope it needs. */
export const apiScopes = [
  'messages:send',
  'messages:read',
  'tickets:read',
  'tickets:write',
  'contacts:read',
  'contacts:write',
  'webhooks:manage',
] as const;
export const apiScopeSchema = z.enum(apiScopes);
export type ApiScope = z.infer<typeof apiScopeSchema>;

/** The moments an outbound webhook subscription can hear about (API-CONTRACT.md). */
export const webhookEvents = [
  'message.received',
  'message.sent',
  'message.status',
  'ticket.created',
  'ticket.updated',
  'ticket.transferred',
  'ticket.closed',
  'contact.created',
  'contact.updated',
  'survey.answered',
  'callback.requested',
] as const;
export const webhookEventSchema = z.enum(webhookEvents);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
