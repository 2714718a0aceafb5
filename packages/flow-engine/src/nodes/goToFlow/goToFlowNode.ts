import { z } from 'zod';
import { defineNode } from '../defineNode.js';

export const goToFlowNode = defineNode({
  type: 'goToFlow',
  schema: z.object({ flowId: z.string().min(1) }),
  editor: { label: { 'pt-BR': 'Ir para fluxo', en: 'Go to flow' }, group: 'end' },
  outputs: () => [],
  execute: ({ data }) => ({ effects: [{ type: 'goToFlow', flowId: data.flowId }], then: { kind: 'end', reason: 'goToFlow' } }),
});
