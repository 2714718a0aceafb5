import { z } from 'zod';

export const connectionTypes = ['whatsapp_cloud', 'whatsapp_web', 'webchat'] as const;
export const connectionTypeSchema = z.enum(connectionTypes);
export type ConnectionType = z.infer<typeof connectionTypeSchema>;

export const connectionStatuses = ['connecting', 'qr', 'open', 'closed', 'logged_out'] as const;
export const connectionStatusSchema = z.enum(connectionStatuses);

export const connectionSchema = z.object({
  id: z.number().int(),
  type: connectionTypeSchema,
  name: z.string(),
  status: connectionStatusSchema,
  phoneNumberId: z.string().nullable(),
  wabaId: z.string().nullable(),
  displayPhoneNumber: z.string().nullable(),
  /** webchat only: the public key the embed snippet carries. */
  widgetKey: z.string().nullable(),
  /** Legacy: the queue when `queueIds` has exactly one, else null. */
  defaultQueueId: z.number().int().nullable(),
  /** The connection's queues in menu order: one goes straight to it, several make the customer choose. */
  queueIds: z.array(z.number().int()),
  /** The published flow new tickets on this connection run (null: the queue menu applies). */
  flowId: z.number().int().nullable(),
  /** A closed ticket is reopened instead of a new one when its contact writes within this many minutes (0 = never). */
  reopenWindowMinutes: z.number().int(),
  webhookUrl: z.string().nullable(),
  hasVerifyToken: z.boolean(),
  /**
   * whatsapp_web only, and only for the company's admins: the current pairing QR (a string the
   * browser renders) while status is 'qr', with the moment WhatsApp rotates it.
   */
  qr: z.string().nullable().optional(),
  qrExpiresAt: z.string().nullable().optional(),
  /** whatsapp_web only, admins only: the 8-character code to type on the phone ("link with phone number"). */
  pairingCode: z.string().nullable().optional(),
  /** whatsapp_web: the WhatsApp profile name of the paired phone (its number is displayPhoneNumber). */
  profileName: z.string().nullable().optional(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Connection = z.infer<typeof connectionSchema>;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const common = {
  name: trimmed(80),
  /** Legacy single queue; `queueIds` replaces it (null = no queue). */
  defaultQueueId: z.number().int().positive().nullable().optional(),
  /** Menu order; duplicates and other companies' queues are refused. */
  queueIds: z.array(z.number().int().positive()).max(50).optional(),
  reopenWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .optional(),
};

export const createConnectionRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('whatsapp_cloud'),
    ...common,
    phoneNumberId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_]{1,40}$/, 'letters, digits or _'),
    wabaId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_]{1,40}$/, 'letters, digits or _'),
    accessToken: trimmed(1000),
    appSecret: trimmed(200),
    verifyToken: z.string().trim().min(8, 'at least 8 characters').max(200),
  }),
  z.object({ type: z.literal('whatsapp_web'), ...common }),
  z.object({ type: z.literal('webchat'), ...common }),
]);
export type CreateConnectionRequest = z.infer<typeof createConnectionRequestSchema>;

export const updateConnectionRequestSchema = z
  .object({
    ...common,
    accessToken: trimmed(1000),
    appSecret: trimmed(200),
    verifyToken: z.string().trim().min(8).max(200),
    /** A published flow of the company to run on new tickets, or null for none (the queue menu). */
    flowId: z.number().int().positive().nullable(),
  })
  .partial();
export type UpdateConnectionRequest = z.infer<typeof updateConnectionRequestSchema>;

/** "Link with phone number" instead of scanning: digits with country code, e.g. 5511987654321. */
export const pairingCodeRequestSchema = z.object({
  phoneNumber: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s()+-]/g, ''))
    .pipe(z.string().regex(/^[1-9][0-9]{7,14}$/, 'a phone number with country code, digits only')),
});
export type PairingCodeRequest = z.infer<typeof pairingCodeRequestSchema>;

/** Sent only to the admins of the connection's company (a QR lets whoever scans it link their phone). */
export const connectionQrEventSchema = z.object({
  connectionId: z.number().int(),
  qr: z.string().nullable(),
  qrExpiresAt: z.string().nullable(),
  pairingCode: z.string().nullable(),
});
export type ConnectionQrEvent = z.infer<typeof connectionQrEventSchema>;

export const contactSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  waId: z.string().nullable(),
  bsuid: z.string().nullable(),
  customFields: z.record(z.string(), z.string()),
  tags: z.array(z.object({ id: z.number().int(), name: z.string(), color: z.string() })),
  blockedAt: z.string().nullable(),
  anonymizedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const updateContactRequestSchema = z
  .object({
    name: trimmed(120),
    email: z.union([z.email().max(254), z.literal('')]).transform((v) => v || null),
    phone: z
      .union([
        z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number with country code'),
        z.literal(''),
      ])
      .transform((v) => v || null),
    customFields: z.record(z.string().max(60), z.string().max(500)),
  })
  .partial();

/** `bot`: the menu or a flow is still talking with the customer; only managers see it. */
export const ticketStatuses = ['bot', 'pending', 'open', 'closed'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const messageTypes = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'reaction',
  'template',
  'unsupported',
  'system',
  /** A private note: team only, never sent to any channel. */
  'note',
] as const;
export const messageTypeSchema = z.enum(messageTypes);
export type MessageType = z.infer<typeof messageTypeSchema>;

export const messageStatuses = ['pending', 'sent', 'delivered', 'read', 'played', 'failed'] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const lastMessageSchema = z.object({
  body: z.string(),
  type: messageTypeSchema,
  direction: z.enum(['in', 'out']),
  at: z.string(),
});

/** A tag as tickets carry it (the tags module owns the rest of a tag). */
export const ticketTagSchema = z.object({ id: z.number().int(), name: z.string(), color: z.string() });
export type TicketTag = z.infer<typeof ticketTagSchema>;

export const ticketSchema = z.object({
  id: z.number().int(),
  status: ticketStatusSchema,
  contact: z.object({ id: z.number().int(), name: z.string(), phone: z.string().nullable(), avatarUrl: z.string().nullable() }),
  connectionId: z.number().int(),
  connectionType: connectionTypeSchema,
  queueId: z.number().int().nullable(),
  userId: z.number().int().nullable(),
  lastMessage: lastMessageSchema.nullable(),
  unreadCount: z.number().int(),
  /** Free-form messages allowed until then (WhatsApp 24-hour window); null when the channel has no window. */
  windowExpiresAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** A callback the customer asked for out of hours: `requested` until the opening, then `surfaced` (flagged on top). */
  callback: z.enum(['requested', 'surfaced']).nullable(),
  /** The customer's rating of this ticket, once answered. */
  survey: z.object({ score: z.number().int().nullable(), comment: z.string().nullable() }).nullable(),
  /** Sorted by name. */
  tags: z.array(ticketTagSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketListQuerySchema = z.object({
  status: ticketStatusSchema.optional(),
  /** "mine" = open tickets assigned to the caller. */
  scope: z.enum(['mine', 'all']).optional(),
  queueId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
  connectionId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  tagId: z.coerce.number().int().positive().optional(),
  /** Comma-separated tag ids, e.g. `1,2`; with `tagMode` any (default) or all of them. */
  tagIds: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15}){0,19}$/, 'comma-separated tag ids (at most 20)')
    .transform((v) => v.split(',').map(Number))
    .optional(),
  tagMode: z.enum(['any', 'all']).default('any'),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

export const ticketListSchema = z.object({ items: z.array(ticketSchema), nextCursor: z.string().nullable() });

export const mediaSchema = z.object({
  url: z.string().nullable(),
  mimeType: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  voice: z.boolean(),
  /** 'pending' while the file is still being fetched from the provider. */
  state: z.enum(['pending', 'ready', 'failed']),
});

export const messageSchema = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  direction: z.enum(['in', 'out']),
  author: z.enum(['customer', 'agent', 'bot', 'system']),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  type: messageTypeSchema,
  body: z.string(),
  status: messageStatusSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  externalId: z.string().nullable(),
  media: mediaSchema.optional(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  quoted: z.object({ id: z.number().int(), body: z.string(), type: messageTypeSchema, direction: z.enum(['in', 'out']) }).nullable(),
  reactions: z.array(z.object({ emoji: z.string(), by: z.enum(['customer', 'agent']) })),
  /** Notes only: when their author last changed them. */
  editedAt: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const messageListQuerySchema = z
  .object({
    before: z.coerce.number().int().positive().optional(),
    /** The page that holds this message (a search hit, a mention), with newer and older ones around it. */
    around: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    /** The oldest messages newer than this one: pass `newerCursor` to walk back towards the present. */
    after: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((v) => [v.before, v.around, v.after].filter((x) => x !== undefined).length <= 1, {
    message: 'give only one of before, around, after',
    path: ['around'],
  });
export const messageListSchema = z.object({
  items: z.array(messageSchema),
  nextCursor: z.number().int().nullable(),
  /** With `around` or `after`: pass as `after` for the newer messages; null when the page reaches the newest. */
  newerCursor: z.number().int().nullable().optional(),
});

export const sendMessageRequestSchema = z.object({
  body: z
    .string()
    .max(4096)
    .refine((v) => v.trim().length > 0, 'cannot be empty'),
  quotedMessageId: z.number().int().positive().optional(),
});

export const transferTicketRequestSchema = z
  .object({
    queueId: z.number().int().positive().nullable().optional(),
    userId: z.number().int().positive().nullable().optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((v) => v.queueId !== undefined || v.userId !== undefined, { message: 'give a queueId or a userId', path: ['queueId'] });

export const contactHistorySchema = z.object({
  items: z.array(ticketSchema),
  /** The private notes of those tickets, newest first (part of the service history). */
  notes: z
    .array(
      z.object({
        id: z.number().int(),
        ticketId: z.number().int(),
        body: z.string(),
        userName: z.string().nullable(),
        createdAt: z.string(),
      }),
    )
    .optional(),
});
export const contactListSchema = z.object({ items: z.array(contactSchema), nextCursor: z.string().nullable() });
