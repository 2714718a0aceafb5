import { z } from 'zod';

/** A private note: team only. `@Name` of an active user of the company mentions them. */
export const noteRequestSchema = z.object({
  body: z
    .string()
    .max(4096)
    .refine((v) => v.trim().length > 0, 'cannot be empty'),
});
export type NoteRequest = z.infer<typeof noteRequestSchema>;

export const notificationSchema = z.object({
  id: z.number().int(),
  /**
   * `webhook-disabled`: an outbound webhook was switched off after failing for days (admins).
   * `chat-mention`: an @mention in the internal chat (conversationId says where).
   */
  kind: z.enum(['mention', 'webhook-disabled', 'chat-mention']),
  /** chat-mention only: the internal chat conversation. */
  conversationId: z.number().int().nullable().optional(),
  ticketId: z.number().int().nullable(),
  messageId: z.number().int().nullable(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** A short excerpt of the note, so the list says what it is about. */
  excerpt: z.string(),
  contactName: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unreadCount: z.number().int(),
  nextCursor: z.number().int().nullable(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

/** A user the note composer may mention. */
export const mentionableUserSchema = z.object({ id: z.number().int(), name: z.string(), role: z.string() });
export type MentionableUser = z.infer<typeof mentionableUserSchema>;
