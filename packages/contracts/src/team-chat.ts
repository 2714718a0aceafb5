import { z } from 'zod';

/**
 * Internal chat (Chat interno): conversations between the company's users, never mixed with
 * customer tickets. See docs/team-chat.md.
 */
export const CHAT_BODY_MAX = 4000;
export const CHAT_GROUP_MEMBERS_MAX = 200;

const userId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const chatConversationCreateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), userId }),
  z.object({
    kind: z.literal('group'),
    name: z.string().trim().min(1).max(80),
    memberIds: z.array(userId).max(CHAT_GROUP_MEMBERS_MAX),
  }),
]);
export type ChatConversationCreate = z.infer<typeof chatConversationCreateSchema>;

export const chatConversationPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    /** The whole new member list (the caller included if they stay). */
    memberIds: z.array(userId).min(1).max(CHAT_GROUP_MEMBERS_MAX).optional(),
  })
  .refine((v) => v.name !== undefined || v.memberIds !== undefined, { message: 'send name or memberIds', path: ['name'] });
export type ChatConversationPatch = z.infer<typeof chatConversationPatchSchema>;

export const chatMessageRequestSchema = z.object({
  body: z
    .string()
    .max(CHAT_BODY_MAX)
    .refine((v) => v.trim().length > 0, 'cannot be empty'),
});

export const chatAttachmentSchema = z.object({
  url: z.string(),
  mimeType: z.string(),
  name: z.string(),
  size: z.number().int(),
});

/** `#1234` in the body; `visible` is computed for the one reading it (a ticket they may not see is not revealed). */
export const chatTicketRefSchema = z.object({ ticketId: z.number().int(), visible: z.boolean() });

export const chatMessageSchema = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  authorId: z.number().int().nullable(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  attachment: chatAttachmentSchema.nullable(),
  mentions: z.array(z.number().int()),
  ticketRefs: z.array(chatTicketRefSchema),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatReadSchema = z.object({ userId: z.number().int(), messageId: z.number().int().nullable(), at: z.string().nullable() });
export type ChatRead = z.infer<typeof chatReadSchema>;

export const chatMemberSchema = z.object({ id: z.number().int(), name: z.string(), role: z.enum(['admin', 'member']) });

export const chatConversationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['direct', 'group']),
  /** The group's name; for a 1:1, the other person's name (per reader). */
  name: z.string(),
  createdBy: z.number().int().nullable(),
  members: z.array(chatMemberSchema),
  lastMessage: chatMessageSchema.nullable(),
  unreadCount: z.number().int(),
  reads: z.array(chatReadSchema),
  /** The caller may rename the group and change its members. */
  canManage: z.boolean(),
  updatedAt: z.string(),
});
export type ChatConversation = z.infer<typeof chatConversationSchema>;

export const chatConversationListSchema = z.object({ items: z.array(chatConversationSchema) });

export const chatMessageListQuerySchema = z.object({
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const chatMessageListSchema = z.object({ items: z.array(chatMessageSchema), nextCursor: z.number().int().nullable() });

export const chatReadRequestSchema = z.object({ messageId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const chatSearchQuerySchema = z.object({ q: z.string().trim().min(2).max(200) });
export const chatSearchResultSchema = z.object({
  items: z.array(
    z.object({
      conversationId: z.number().int(),
      conversationName: z.string(),
      messageId: z.number().int(),
      authorName: z.string(),
      snippet: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type ChatSearchResult = z.infer<typeof chatSearchResultSchema>;

export const presenceStatusSchema = z.enum(['online', 'away', 'offline']);
export type PresenceStatus = z.infer<typeof presenceStatusSchema>;
export const chatPresenceListSchema = z.object({ items: z.array(z.object({ userId: z.number().int(), status: presenceStatusSchema })) });
export const chatUnreadSchema = z.object({ total: z.number().int() });

/** Someone a conversation can be started with: an active user of the company. */
export const chatUserSchema = z.object({ id: z.number().int(), name: z.string(), role: z.string() });
export const chatUserListSchema = z.object({ items: z.array(chatUserSchema) });
export type ChatUser = z.infer<typeof chatUserSchema>;
