import { z } from 'zod';
import { messageStatusSchema, messageTypeSchema } from './conversations.js';

/**
 * The public API v1 (`/api/v1`, API tokens): a stable facade over the console's own routes. What
 * is written here is promised to integrators; the console's routes may change, these may not.
 */

const positiveId = z.number().int().positive();

export const v1TicketOptionsSchema = z
  .object({
    queueId: positiveId.nullable().optional().meta({ description: 'Queue of a new ticket; default: the connection’s default queue.' }),
    userId: positiveId
      .nullable()
      .optional()
      .meta({ description: 'Assign a new ticket to this agent (it opens as `open`); default: waiting in its queue.' }),
    tagIds: z.array(positiveId).max(20).optional().meta({ description: 'Tags put on the ticket (new or live).' }),
    close: z
      .boolean()
      .optional()
      .meta({ description: 'Close the ticket this request opened once the message is queued; the customer’s reply opens a new one.' }),
  })
  .meta({ description: 'How the contact’s ticket is opened when it has none live on this connection.' });

const mediaSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .meta({ description: 'A public http(s) URL the server downloads (up to 16 MB).' }),
    upload: z
      .object({
        data: z.base64().min(1).meta({ description: 'The file, base64-encoded (up to 16 MB decoded).' }),
        mimeType: z.string().trim().min(3).max(120).meta({ example: 'application/pdf' }),
      })
      .optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().trim().min(1).max(200).optional(),
  })
  .refine((m) => (m.url ? 1 : 0) + (m.upload ? 1 : 0) === 1, { message: 'give either url or upload', path: ['url'] });

const templateSchema = z.object({
  name: z.string().trim().min(1).max(512).meta({ example: 'order_update' }),
  language: z.string().trim().min(2).max(15).meta({ example: 'pt_BR' }),
  parameters: z
    .array(z.string().max(1024))
    .max(20)
    .optional()
    .meta({ description: 'The body’s {{1}}, {{2}}… in order.', example: ['#1234'] }),
});

export const v1SendMessageRequestSchema = z
  .object({
    connectionId: positiveId.meta({ description: 'A WhatsApp connection of the company (Cloud API or QR).', example: 1 }),
    to: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{8,24}$/, 'a phone number with country code, e.g. +5511912345678')
      .meta({ example: '+5511912345678' }),
    name: z.string().trim().min(1).max(120).optional().meta({ description: 'The contact’s name if it is created.' }),
    text: z.string().trim().min(1).max(4096).optional(),
    media: mediaSchema.optional(),
    template: templateSchema.optional(),
    quickResponse: z.object({ shortcut: z.string().trim().min(1).max(60) }).optional(),
    ticket: v1TicketOptionsSchema.optional(),
  })
  .refine((b) => [b.text, b.media, b.template, b.quickResponse].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of text, media, template or quickResponse',
    path: ['text'],
  })
  .meta({ example: { connectionId: 1, to: '+5511912345678', text: 'Seu pedido #1234 saiu para entrega.' } });
export type V1SendMessageRequest = z.infer<typeof v1SendMessageRequestSchema>;

export const v1SentMessageSchema = z
  .object({
    id: z.number().int().meta({ description: 'The (first) message queued; poll GET /api/v1/messages/{id} for its status.' }),
    status: messageStatusSchema,
    ticketId: z.number().int(),
    contactId: z.number().int(),
    ticketCreated: z.boolean(),
    contactCreated: z.boolean(),
    /** Every message queued, oldest first (a quick response with attachments queues several). */
    messages: z.array(z.object({ id: z.number().int(), status: messageStatusSchema })),
  })
  .meta({
    example: {
      id: 42,
      status: 'pending',
      ticketId: 7,
      contactId: 3,
      ticketCreated: true,
      contactCreated: false,
      messages: [{ id: 42, status: 'pending' }],
    },
  });

export const v1MessageSchema = z
  .object({
    id: z.number().int(),
    ticketId: z.number().int(),
    direction: z.enum(['in', 'out']),
    type: messageTypeSchema,
    body: z.string(),
    status: messageStatusSchema.meta({
      description: '`pending` until WhatsApp accepts it, then `sent`, `delivered`, `read`, or `failed`.',
    }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    externalId: z.string().nullable().meta({ description: 'WhatsApp’s message id, once sent.' }),
    createdAt: z.string(),
  })
  .meta({
    example: {
      id: 42,
      ticketId: 7,
      direction: 'out',
      type: 'text',
      body: 'Olá!',
      status: 'delivered',
      error: null,
      externalId: 'wamid.HBgM…',
      createdAt: '2026-12-03T15:00:00.000Z',
    },
  });

export const v1TicketListQuerySchema = z.object({
  status: z.enum(['bot', 'pending', 'open', 'closed']).optional(),
  queueId: z.coerce.number().int().positive().optional(),
  connectionId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  tagId: z.coerce.number().int().positive().optional(),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const v1TransferTicketRequestSchema = z
  .object({
    queueId: positiveId.nullable().optional(),
    userId: positiveId.nullable().optional().meta({ description: 'null: back to the queue’s waiting list.' }),
    note: z.string().trim().max(2000).optional().meta({ description: 'Written on the ticket as a private note.' }),
  })
  .refine((b) => b.queueId !== undefined || b.userId !== undefined, { message: 'give queueId and/or userId', path: ['queueId'] })
  .meta({ example: { queueId: 2, note: 'Pedido de troca vindo da loja' } });

export const v1CloseTicketRequestSchema = z
  .object({
    sendSurvey: z.boolean().optional().meta({ description: 'Ask the satisfaction survey, unless the company turned surveys off.' }),
  })
  .nullish();

const customFields = z
  .record(z.string().max(60), z.string().max(500))
  .meta({ description: 'Values by custom field key (Configurações → Campos); validated per field type.', example: { plano: 'Pro' } });

export const v1CreateContactRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{8,24}$/, 'a phone number with country code')
      .meta({ example: '+5511912345678' }),
    email: z.email().max(254).nullish(),
    customFields: customFields.optional(),
    tagIds: z.array(positiveId).max(20).optional(),
  })
  .meta({
    example: { name: 'Maria Souza', phone: '+5511912345678', email: 'maria@example.com', customFields: { plano: 'Pro' }, tagIds: [1] },
  });
export type V1CreateContactRequest = z.infer<typeof v1CreateContactRequestSchema>;

export const v1UpdateContactRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{8,24}$/, 'a phone number with country code'),
    email: z.email().max(254).nullable(),
    customFields,
    tagIds: z.array(positiveId).max(20).meta({ description: 'Replaces the contact’s tags.' }),
  })
  .partial()
  .meta({ example: { customFields: { plano: 'Enterprise' }, tagIds: [1, 3] } });
export type V1UpdateContactRequest = z.infer<typeof v1UpdateContactRequestSchema>;
