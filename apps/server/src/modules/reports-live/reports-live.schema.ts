import { z } from 'zod';

const liveQueueSchema = z.object({
  queueId: z.number().int().nullable().describe('null: tickets waiting without a queue'),
  name: z.string().describe('empty for the "no queue" row'),
  color: z.string().nullable(),
  waiting: z.number().int(),
  oldestWaitingSince: z.string().nullable().describe('ISO time the longest-waiting ticket started waiting'),
});

const liveAgentSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  status: z.enum(['online', 'away', 'offline']),
  openTickets: z.number().int(),
  capacity: z.number().int().nullable().describe("the user's maximum open tickets; null: no limit"),
});

export const liveReportSchema = z.object({ queues: z.array(liveQueueSchema), agents: z.array(liveAgentSchema) });

export type LiveQueue = z.infer<typeof liveQueueSchema>;
export type LiveAgent = z.infer<typeof liveAgentSchema>;
export type LiveReport = z.infer<typeof liveReportSchema>;
