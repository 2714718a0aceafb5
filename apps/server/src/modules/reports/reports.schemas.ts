import { z } from 'zod';

/** Response shapes of /api/reports/* (docs: /work/tour/REPORTS-API.md, docs/reports.md). */
const duration = z.object({ count: z.number(), p50Ms: z.number().nullable(), p90Ms: z.number().nullable() });

export const overviewSchema = z.object({
  range: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), bucket: z.enum(['hour', 'day']) }),
  totals: z.object({
    ticketsOpened: z.number(),
    ticketsClosed: z.number(),
    ticketsReopened: z.number(),
    pendingNow: z.number(),
    messagesIn: z.number(),
    messagesOut: z.number(),
    botContained: z.number(),
    transfers: z.number(),
    callbacksRequested: z.number(),
    callbacksDone: z.number(),
  }),
  durations: z.object({ firstResponse: duration, queueWait: duration, handling: duration, resolution: duration, callbackDelay: duration }),
  series: z.array(
    z.object({
      at: z.string(),
      opened: z.number(),
      closed: z.number(),
      pending: z.number(),
      messagesIn: z.number(),
      messagesOut: z.number(),
    }),
  ),
  heatmap: z.array(z.object({ weekday: z.number(), hour: z.number(), messagesIn: z.number() })),
  csat: z.object({
    count: z.number(),
    average: z.number().nullable(),
    distribution: z.object({ '1': z.number(), '2': z.number(), '3': z.number(), '4': z.number(), '5': z.number() }),
    trend: z.array(z.object({ at: z.string(), count: z.number(), average: z.number().nullable() })),
  }),
});

export const agentsSchema = z.object({
  items: z.array(
    z.object({
      userId: z.number(),
      name: z.string(),
      ticketsClosed: z.number(),
      ticketsAssigned: z.number(),
      firstResponse: duration,
      handling: duration,
      csatAverage: z.number().nullable(),
      csatCount: z.number(),
      onlineSeconds: z.number(),
      messagesOut: z.number(),
    }),
  ),
});

export const queuesSchema = z.object({
  items: z.array(
    z.object({
      queueId: z.number().nullable(),
      /** null for the "no queue" row (queueId null): the client shows its own label. */
      name: z.string().nullable(),
      ticketsOpened: z.number(),
      ticketsClosed: z.number(),
      queueWait: duration,
      firstResponse: duration,
      resolution: duration,
      csatAverage: z.number().nullable(),
      csatCount: z.number(),
    }),
  ),
});

export const surveyCommentsSchema = z.object({
  items: z.array(
    z.object({
      ticketId: z.number(),
      score: z.number(),
      comment: z.string(),
      answeredAt: z.string(),
      userId: z.number().nullable(),
      userName: z.string().nullable(),
      queueId: z.number().nullable(),
      queueName: z.string().nullable(),
      contactName: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const recomputeSchema = z.object({
  date: z.string(),
  drift: z.array(z.object({ key: z.string(), field: z.string(), stored: z.number(), recomputed: z.number() })),
  driftCount: z.number(),
  rowsRewritten: z.number(),
});
