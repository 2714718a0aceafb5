import { z } from 'zod';
import { scheduleSchema } from '@jimmy/routing';

const text = (max: number) => z.string().trim().max(max);
const name = (max: number) => z.string().trim().min(1).max(max);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #25D366');

export const assignmentModes = ['manual', 'round_robin', 'least_busy'] as const;
export const assignmentModeSchema = z.enum(assignmentModes);
export type AssignmentMode = z.infer<typeof assignmentModeSchema>;

export const queueSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string(),
  /** Sent when a ticket enters the queue during its hours. */
  greeting: z.string().nullable(),
  position: z.number().int(),
  assignmentMode: assignmentModeSchema,
  /** Overrides the company's hours; null: the company's. */
  schedule: scheduleSchema.nullable(),
  userIds: z.array(z.number().int()),
});
export type Queue = z.infer<typeof queueSchema>;

export const upsertQueueRequestSchema = z.object({
  name: name(60),
  color: color.default('#25D366'),
  greeting: text(1000).nullable().optional(),
  assignmentMode: assignmentModeSchema.default('manual'),
  schedule: scheduleSchema.nullable().optional(),
  userIds: z.array(z.number().int().positive()).max(500).default([]),
});
export type UpsertQueueRequest = z.infer<typeof upsertQueueRequestSchema>;
/** What a client may send (defaults not yet applied). */
export type UpsertQueueInput = z.input<typeof upsertQueueRequestSchema>;

/** PUT /api/queues/order: every queue id of the company, in the new order. */
export const reorderQueuesRequestSchema = z.object({ ids: z.array(z.number().int().positive()).max(500) });

export const surveyModes = ['off', 'always', 'agent'] as const;
export const surveyModeSchema = z.enum(surveyModes);

/** Company settings, each section with defaults so `{}` is a valid, sensible company. */
export const routingSettingsSchema = z.object({
  /**
   * Sent once on every new conversation (before the menu when there is one; a queue's own greeting
   * replaces it when the connection has a single queue). Empty: none.
   */
  greeting: text(1000).default(''),
  menuPrompt: name(1000).default('Olá! Como podemos ajudar? Escolha uma opção:'),
  invalidOptionMessage: text(1000).default('Não entendi. Responda com o número ou o nome de uma opção.'),
  /** Where a ticket goes after `maxMenuAttempts` invalid answers; null: no queue. */
  fallbackQueueId: z.number().int().positive().nullable().default(null),
  maxMenuAttempts: z.number().int().min(1).max(10).default(3),
  /** Whether every agent sees pending tickets that no queue took; managers always do. */
  unqueuedVisibleToAgents: z.boolean().default(true),
});

export const hoursSettingsSchema = z.object({
  /** null: always open. */
  schedule: scheduleSchema.nullable().default(null),
  closedMessage: name(1000).default('Estamos fechados agora. Sua mensagem fica registrada e respondemos assim que abrirmos.'),
  breakMessage: name(1000).default('Estamos em intervalo. Já voltamos e respondemos você.'),
  offerCallback: z.boolean().default(false),
  callbackQuestion: name(300).default('Quer que a gente te chame quando abrirmos?'),
  callbackYesReply: name(1000).default('Combinado! Vamos te chamar assim que abrirmos.'),
  callbackNoReply: name(1000).default('Tudo bem. Sua mensagem fica registrada.'),
});

export const surveySettingsSchema = z.object({
  /** off; always on close; or the agent decides per close (a new company's default). */
  mode: surveyModeSchema.default('agent'),
  /** The close dialog's checkbox starts ticked when the agent decides. */
  agentDefault: z.boolean().default(true),
  question: name(1000).default('Como você avalia nosso atendimento? Responda de 1 (ruim) a 5 (ótimo).'),
  /** Asked after the score; null: no comment question. */
  commentQuestion: text(1000).nullable().default('Quer deixar um comentário? Responda aqui ou envie "não".'),
  thanks: name(1000).default('Obrigado pela sua avaliação!'),
  /** After this a reply opens a normal ticket instead of answering the survey. */
  expiryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
});

export const schedulingSettingsSchema = z.object({
  /** Send on the contact's live ticket when there is one; otherwise always open a new ticket. */
  reuseLiveTicket: z.boolean().default(true),
});

export const companySettingsSchema = z.object({
  routing: routingSettingsSchema.default(routingSettingsSchema.parse({})),
  hours: hoursSettingsSchema.default(hoursSettingsSchema.parse({})),
  survey: surveySettingsSchema.default(surveySettingsSchema.parse({})),
  scheduling: schedulingSettingsSchema.default(schedulingSettingsSchema.parse({})),
});
export type CompanySettings = z.infer<typeof companySettingsSchema>;

/** PUT /api/settings: any sections, each replaced whole (validated with its defaults). */
export const updateCompanySettingsRequestSchema = z.object({
  routing: routingSettingsSchema.optional(),
  hours: hoursSettingsSchema.optional(),
  survey: surveySettingsSchema.optional(),
  scheduling: schedulingSettingsSchema.optional(),
});

export const scheduledMessageStatuses = ['scheduled', 'sending', 'sent', 'failed', 'canceled'] as const;
export const scheduledMessageStatusSchema = z.enum(scheduledMessageStatuses);

export const repeatSchema = z
  .object({
    every: z.enum(['day', 'week', 'month']),
    /** Total sends including the first; or until a date (company time zone). */
    times: z.number().int().min(2).max(366).optional(),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
      .optional(),
  })
  .refine((r) => r.times !== undefined || r.until !== undefined, { message: 'give times or until', path: ['times'] });

export const templateRefSchema = z.object({
  name: name(512),
  language: name(20),
  components: z.array(z.record(z.string(), z.unknown())).max(20).default([]),
});

const isoWithOffset = z.iso.datetime({ offset: true });

export const createScheduledMessageRequestSchema = z.object({
  body: text(4096).default(''),
  sendAt: isoWithOffset,
  repeat: repeatSchema.nullable().optional(),
  template: templateRefSchema.nullable().optional(),
});

/** POST /api/contacts/:id/scheduled-messages: the same, on a connection of the caller's choice. */
export const createContactScheduledMessageRequestSchema = createScheduledMessageRequestSchema.extend({
  connectionId: z.number().int().positive(),
});

/** GET /api/scheduled-messages: newest send time first; `q` matches the contact's name or number. */
export const scheduledMessageListQuerySchema = z.object({
  status: scheduledMessageStatusSchema.optional(),
  ticketId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  from: isoWithOffset.optional(),
  to: isoWithOffset.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ScheduledMessageListQuery = z.infer<typeof scheduledMessageListQuerySchema>;

export const updateScheduledMessageRequestSchema = z.object({
  body: text(4096).optional(),
  sendAt: isoWithOffset.optional(),
  repeat: repeatSchema.nullable().optional(),
  template: templateRefSchema.nullable().optional(),
  /** Only from `failed`: try again now. */
  status: z.literal('scheduled').optional(),
});

export const scheduledMessageSchema = z.object({
  id: z.number().int(),
  ticketId: z.number().int().nullable(),
  contact: z.object({ id: z.number().int(), name: z.string() }),
  connectionId: z.number().int(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  body: z.string(),
  media: z.object({ fileName: z.string().nullable(), mimeType: z.string().nullable(), size: z.number().int().nullable() }).nullable(),
  template: templateRefSchema.nullable(),
  sendAt: z.string(),
  repeat: z
    .object({ every: z.enum(['day', 'week', 'month']), times: z.number().int().optional(), until: z.string().optional() })
    .nullable(),
  occurrence: z.number().int(),
  status: scheduledMessageStatusSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  sentMessageId: z.number().int().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ScheduledMessage = z.infer<typeof scheduledMessageSchema>;

export const ticketEventSchema = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  kind: z.string(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const closeTicketRequestSchema = z.object({ sendSurvey: z.boolean().optional() }).nullish();

/** GET/PUT /api/settings answer: every section with its defaults, and the company's time zone (= hours.schedule.timeZone when set). */
export const companySettingsResponseSchema = companySettingsSchema.extend({ timezone: z.string() });
export type CompanySettingsResponse = z.infer<typeof companySettingsResponseSchema>;
export type UpdateCompanySettingsRequest = z.input<typeof updateCompanySettingsRequestSchema>;
