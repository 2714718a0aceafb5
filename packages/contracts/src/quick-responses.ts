import { z } from 'zod';

export const quickResponseScopes = ['company', 'queue', 'personal'] as const;
export const quickResponseScopeSchema = z.enum(quickResponseScopes);
export type QuickResponseScope = z.infer<typeof quickResponseScopeSchema>;

export const quickResponseAttachmentKinds = ['image', 'video', 'audio', 'document', 'contact'] as const;
export type QuickResponseAttachmentKind = (typeof quickResponseAttachmentKinds)[number];

export const quickResponseAttachmentSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  kind: z.enum(quickResponseAttachmentKinds),
  /** audio only: sent as a voice note (true) or as a file. */
  asVoice: z.boolean(),
  fileName: z.string().nullable(),
  mimeType: z.string().nullable(),
  size: z.number().int().nullable(),
  /** The stored file, for previews in the console (null for a contact card). */
  url: z.string().nullable(),
  contact: z.object({ name: z.string(), phone: z.string(), contactId: z.number().int().optional() }).nullable(),
});
export type QuickResponseAttachment = z.infer<typeof quickResponseAttachmentSchema>;

export const quickResponseSchema = z.object({
  id: z.number().int(),
  shortcut: z.string(),
  body: z.string(),
  scope: quickResponseScopeSchema,
  queueId: z.number().int().nullable(),
  userId: z.number().int().nullable(),
  /** The caller may edit or delete it (the owner of a personal one; admins and supervisors otherwise). */
  editable: z.boolean(),
  attachments: z.array(quickResponseAttachmentSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QuickResponse = z.infer<typeof quickResponseSchema>;

export const quickResponseListSchema = z.object({ items: z.array(quickResponseSchema) });

export const quickResponseListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** A shortcut is typed after "/" in the composer: one word, no spaces. */
const shortcut = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'letters, digits, "_", "-" or "." only (no spaces)');

export const createQuickResponseRequestSchema = z.object({
  shortcut,
  body: z.string().max(4096).default(''),
  scope: quickResponseScopeSchema,
  queueId: z.number().int().positive().nullable().optional(),
});
export type CreateQuickResponseRequest = z.infer<typeof createQuickResponseRequestSchema>;

export const updateQuickResponseRequestSchema = z.object({
  shortcut: shortcut.optional(),
  body: z.string().max(4096).optional(),
  scope: quickResponseScopeSchema.optional(),
  queueId: z.number().int().positive().nullable().optional(),
});
export type UpdateQuickResponseRequest = z.infer<typeof updateQuickResponseRequestSchema>;

export const contactCardRequestSchema = z.object({
  kind: z.literal('contact'),
  /** Pick a contact of the company, or type a name and number. */
  contactId: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(120).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s().-]{8,24}$/, 'a phone number with country code, e.g. +55 11 98765-4321')
    .optional(),
});
export type ContactCardRequest = z.infer<typeof contactCardRequestSchema>;

export const attachmentOrderRequestSchema = z.object({ attachmentIds: z.array(z.number().int().positive()).max(50) });

export const sendQuickResponseRequestSchema = z.object({
  body: z.string().max(4096).default(''),
  /** The attachments the agent kept (default: all), always sent in the response's order. */
  attachmentIds: z.array(z.number().int().positive()).max(50).optional(),
});

export const renderedQuickResponseSchema = z.object({ body: z.string(), unknown: z.array(z.string()) });
export type RenderedQuickResponse = z.infer<typeof renderedQuickResponseSchema>;

/** What a quick response's variables are filled from, at send time. */
export interface QuickResponseContext {
  contactName: string;
  agentName: string;
  ticketId: number | string;
  queueName: string | null;
  /** contacts.custom_fields. */
  customFields: Record<string, string | number | null | undefined>;
  /** Keys of the company's custom fields: a defined field without a value renders empty, not unknown. */
  fieldKeys?: readonly string[];
  now: Date;
  timeZone: string;
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** "Saudação" and "saudacao", "Nome" and "nome" are the same variable. */
export function normalizeVariableName(name: string): string {
  return foldAccents(name).toLowerCase().trim();
}

/** Lower case without diacritics: how shortcuts, texts and variables are compared. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** bom dia (05:00–11:59), boa tarde (12:00–17:59), boa noite otherwise, by the company's clock. */
export function greetingAt(now: Date, timeZone: string): 'bom dia' | 'boa tarde' | 'boa noite' {
  const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now));
  if (hour >= 5 && hour < 12) return 'bom dia';
  if (hour >= 12 && hour < 18) return 'boa tarde';
  return 'boa noite';
}

const startsSentence = (text: string, offset: number) => /(^|[.!?\n])\s*$/.test(text.slice(0, offset));

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/**
 * Fills `{{nome}}`/`{{name}}`, `{{agente}}`, `{{protocolo}}`, `{{saudacao}}`, `{{fila}}` and contact
 * custom fields by key. An unknown variable stays as written and is listed, so the agent sees it
 * and the server can refuse to send it raw. Pure: the clock and zone come in the context.
 */
export function renderQuickResponse(text: string, context: QuickResponseContext): RenderedQuickResponse {
  const unknown = new Set<string>();
  const fields = new Map<string, string>();
  for (const key of context.fieldKeys ?? []) fields.set(normalizeVariableName(key), '');
  for (const [key, value] of Object.entries(context.customFields)) {
    if (value !== null && value !== undefined) fields.set(normalizeVariableName(key), String(value));
  }
  const body = text.replace(VARIABLE, (whole, raw: string, offset: number) => {
    const name = normalizeVariableName(raw);
    switch (name) {
      case 'nome':
      case 'name':
        return firstName(context.contactName);
      case 'agente':
      case 'agent':
        return context.agentName;
      case 'protocolo':
      case 'protocol':
        return String(context.ticketId);
      case 'saudacao':
      case 'greeting': {
        // "Bom dia, Maria!" opening a sentence, "… e bom dia" inside one.
        const greeting = greetingAt(context.now, context.timeZone);
        return startsSentence(text, offset) ? greeting[0]!.toUpperCase() + greeting.slice(1) : greeting;
      }
      case 'fila':
      case 'queue':
        return context.queueName ?? '';
    }
    const field = fields.get(name);
    if (field !== undefined) return field;
    unknown.add(whole);
    return whole;
  });
  return { body, unknown: [...unknown] };
}

/** Whether a quick response matches what the agent typed after "/": shortcut or text, accent-insensitive. */
export function matchesQuickResponse(response: { shortcut: string; body: string }, query: string): boolean {
  const needle = foldAccents(query).toLowerCase().trim();
  if (!needle) return true;
  return foldAccents(response.shortcut).toLowerCase().includes(needle) || foldAccents(response.body).toLowerCase().includes(needle);
}
