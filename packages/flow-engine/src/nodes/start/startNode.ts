import { z } from 'zod';
import { defineNode, next } from '../defineNode.js';

// The trigger is only stored here; the platform decides which conversations start the flow.
const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('newConversation'), connectionIds: z.array(z.string()) }),
  z.object({ kind: z.literal('keyword'), keywords: z.array(z.string().min(1)).min(1), match: z.enum(['exact', 'contains']) }),
  z.object({ kind: z.literal('leadWebhook') }),
]);

export const startNode = defineNode({
  type: 'start',
  schema: z.object({ trigger: triggerSchema }),
  editor: { label: { 'pt-BR': 'Início', en: 'Start' }, group: 'trigger' },
  outputs: () => ['next'],
  execute: () => next('next'),
});
