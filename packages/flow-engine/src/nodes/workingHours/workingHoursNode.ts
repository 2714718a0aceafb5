import { z } from 'zod';
import { defineNode, next } from '../defineNode.js';

export const workingHoursNode = defineNode({
  type: 'workingHours',
  schema: z.object({
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('company') }),
      z.object({ kind: z.literal('queue'), queueId: z.string().min(1) }),
    ]),
  }),
  editor: { label: { 'pt-BR': 'Horário de atendimento', en: 'Working hours' }, group: 'logic' },
  outputs: () => ['open', 'break', 'closed'],
  // The runner computes the states with @jimmy/routing's hoursStatus and passes them in ctx.
  execute: ({ data, ctx, nodeId }) => {
    if (data.target.kind === 'company') return next(ctx.hours.company);
    const state = ctx.hours.queues[data.target.queueId];
    if (state) return next(state);
    return next('closed', [
      { type: 'log', level: 'warn', nodeId, message: `no working hours for queue ${data.target.queueId}: treated as closed` },
    ]);
  },
});
