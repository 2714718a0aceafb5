import { z } from 'zod';

/** A coloured label as a contact or ticket carries it. */
export const tagRefSchema = z.object({ id: z.number().int(), name: z.string(), color: z.string() });
export type TagRef = z.infer<typeof tagRefSchema>;

export const customFieldTypes = ['text', 'number', 'date', 'choice'] as const;
export const customFieldTypeSchema = z.enum(customFieldTypes);
export type CustomFieldType = z.infer<typeof customFieldTypeSchema>;

export const customFieldSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  label: z.string(),
  type: customFieldTypeSchema,
  options: z.array(z.string()),
  position: z.number().int(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const upsertCustomFieldRequestSchema = z
  .object({
    /** Stable name of the value in contacts.custom_fields and in quick-response variables ({{key}}). */
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter'),
    label: z.string().trim().min(1).max(80),
    type: customFieldTypeSchema,
    options: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .refine((v) => v.type !== 'choice' || v.options.length > 0, { message: 'a choice field needs at least one option', path: ['options'] })
  .refine((v) => new Set(v.options).size === v.options.length, { message: 'options must be different', path: ['options'] });

export const contactListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  /** Comma-separated tag ids. */
  tagIds: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15}){0,19}$/, 'comma-separated tag ids')
    .transform((v) => v.split(',').map(Number))
    .optional(),
  tagMode: z.enum(['any', 'all']).default('any'),
  cursor: z.string().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const addContactTagRequestSchema = z.object({ tagId: z.number().int().positive() });
export const mergeContactRequestSchema = z.object({ otherContactId: z.number().int().positive() });
export const anonymizeContactRequestSchema = z.object({
  /** The contact's current name, typed by the admin: an anonymisation cannot be undone. */
  confirmName: z.string().max(200),
});

export const timelineKinds = [
  'ticket-opened',
  'ticket-closed',
  'ticket-event',
  'note',
  'tag-added',
  'tag-removed',
  'survey-answered',
  'scheduled-message',
] as const;

export const timelineItemSchema = z.object({
  /** Unique within the timeline: kind and row id. */
  key: z.string(),
  kind: z.enum(timelineKinds),
  at: z.string(),
  ticketId: z.number().int().nullable(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Kind-specific: queue, agent, event kind and data, note body, tag, score, scheduled status and body. */
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelineQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,17}\.[a-z-]{1,30}\.\d{1,15}$/, 'a cursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const timelineSchema = z.object({ items: z.array(timelineItemSchema), nextCursor: z.string().nullable() });

export const mergePreviewSchema = z.object({
  tickets: z.number().int(),
  messages: z.number().int(),
  notes: z.number().int(),
  tags: z.number().int(),
  /** Live tickets of the other contact that will be closed: this contact already has one on the same connection. */
  closingTicketIds: z.array(z.number().int()),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.number().int().nullable(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListQuerySchema = z.object({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  action: z.string().max(60).optional(),
});
export const auditListSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.number().int().nullable() });
