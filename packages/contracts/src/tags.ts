import { z } from 'zod';
import { ticketSchema } from './conversations.js';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #25D366');
const tagName = z.string().trim().min(1).max(40);

export const tagSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string(),
  /** Position of the tag's lane on the kanban board (0 first); null: not a lane. */
  lanePosition: z.number().int().nullable(),
  /** Sent to the customer once per ticket when its card first enters this lane. */
  laneMessage: z.string().nullable(),
});
export type Tag = z.infer<typeof tagSchema>;

export const tagListSchema = z.object({ items: z.array(tagSchema) });

export const createTagRequestSchema = z.object({ name: tagName, color });
export type CreateTagRequest = z.infer<typeof createTagRequestSchema>;
/** PUT /api/tags/:id: only the fields given change. */
export const updateTagRequestSchema = z.object({ name: tagName, color }).partial();
export type UpdateTagRequest = z.infer<typeof updateTagRequestSchema>;

export const addTicketTagRequestSchema = z.object({ tagId: z.number().int().positive() });

/**
 * Patterns are capped because rules run on every customer message: JavaScript regexes backtrack,
 * and a long or nested pattern over a long text can take seconds (ReDoS).
 */
export const TAG_RULE_PATTERN_MAX = 200;
export const tagRuleMatches = ['contains', 'regex'] as const;

export const tagRuleSchema = z.object({
  id: z.number().int(),
  tagId: z.number().int(),
  match: z.enum(tagRuleMatches),
  pattern: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type TagRule = z.infer<typeof tagRuleSchema>;
export const tagRuleListSchema = z.object({ items: z.array(tagRuleSchema) });

const ruleFields = {
  tagId: z.number().int().positive(),
  match: z.enum(tagRuleMatches),
  pattern: z.string().trim().min(1).max(TAG_RULE_PATTERN_MAX),
  active: z.boolean(),
};
export const createTagRuleRequestSchema = z.object({ ...ruleFields, active: ruleFields.active.default(true) });
export type CreateTagRuleRequest = z.infer<typeof createTagRuleRequestSchema>;
export const updateTagRuleRequestSchema = z.object(ruleFields).partial();
export type UpdateTagRuleRequest = z.infer<typeof updateTagRuleRequestSchema>;

/** PUT /api/kanban/lanes: the lanes in board order; every other tag stops being a lane. */
export const kanbanLanesRequestSchema = z
  .array(z.object({ tagId: z.number().int().positive(), message: z.string().trim().max(4096).nullish() }))
  .max(30);
export type KanbanLanesRequest = z.infer<typeof kanbanLanesRequestSchema>;

export const kanbanCardSchema = z.object({
  ticket: ticketSchema,
  agent: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The customer's oldest message not answered yet; null when nobody is waiting for us. */
  waitingSince: z.string().nullable(),
});
export type KanbanCard = z.infer<typeof kanbanCardSchema>;

export const kanbanLaneSchema = z.object({
  /** null: "Em aberto", tickets without a lane tag. */
  tag: tagSchema.nullable(),
  cards: z.array(kanbanCardSchema),
  /** More cards exist than were sent (the board shows the most recent ones). */
  truncated: z.boolean(),
});
export type KanbanLane = z.infer<typeof kanbanLaneSchema>;
export const kanbanBoardSchema = z.object({ lanes: z.array(kanbanLaneSchema) });
export type KanbanBoard = z.infer<typeof kanbanBoardSchema>;

export const kanbanMoveRequestSchema = z.object({
  ticketId: z.number().int().positive(),
  /** null: back to "Em aberto". */
  tagId: z.number().int().positive().nullable(),
});
