import { z } from 'zod';
import { messageTypeSchema, ticketStatusSchema } from './conversations.js';

/** Longest query accepted; the server reads only its first words (see the search module). */
export const SEARCH_QUERY_MAX = 2000;

export const searchMessagesQuerySchema = z.object({
  q: z
    .string()
    .max(SEARCH_QUERY_MAX, `at most ${SEARCH_QUERY_MAX} characters`)
    .refine((v) => v.trim().length > 0, 'type something to search for'),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'a nextCursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchMessagesQuery = z.infer<typeof searchMessagesQuerySchema>;

/**
 * A piece of the snippet: the web renders `match` pieces as highlighted elements. Plain text, never
 * HTML, so customer text cannot inject markup.
 */
export const snippetSegmentSchema = z.object({ text: z.string(), match: z.boolean() });
export type SnippetSegment = z.infer<typeof snippetSegmentSchema>;

export const messageSearchHitSchema = z.object({
  ticketId: z.number().int(),
  messageId: z.number().int(),
  /** The snippet as plain text (the segments joined). */
  snippet: z.string(),
  segments: z.array(snippetSegmentSchema),
  createdAt: z.string(),
  direction: z.enum(['in', 'out']),
  author: z.enum(['customer', 'agent', 'bot', 'system']),
  /** The agent who wrote it, when an agent did. */
  authorName: z.string().nullable(),
  type: messageTypeSchema,
  ticketStatus: ticketStatusSchema,
  contact: z.object({ id: z.number().int(), name: z.string() }),
});
export type MessageSearchHit = z.infer<typeof messageSearchHitSchema>;

export const messageSearchResultSchema = z.object({
  items: z.array(messageSearchHitSchema),
  nextCursor: z.string().nullable(),
});
export type MessageSearchResult = z.infer<typeof messageSearchResultSchema>;
