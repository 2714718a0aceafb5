import { z } from 'zod';
import type { Effect } from '../../engine/effects.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode } from '../defineNode.js';

export const transferNode = defineNode({
  type: 'transfer',
  schema: z
    .object({ queueId: z.string().min(1).optional(), agentId: z.string().min(1).optional(), message: z.string().optional() })
    .refine((data) => data.queueId !== undefined || data.agentId !== undefined, {
      message: 'choose a queue or an agent',
      path: ['queueId'],
    }),
  editor: { label: { 'pt-BR': 'Transferir', en: 'Transfer' }, group: 'end' },
  outputs: () => [],
  execute: ({ data, variables, contact }) => {
    const effects: Effect[] = [];
    if (data.message) effects.push({ type: 'sendText', text: renderTemplate(data.message, variables, contact.fields), typingMs: 0 });
    const transfer: Effect = { type: 'transfer' };
    if (data.queueId !== undefined) transfer.queueId = data.queueId;
    if (data.agentId !== undefined) transfer.agentId = data.agentId;
    effects.push(transfer);
    return { effects, then: { kind: 'end', reason: 'transfer' } };
  },
});
