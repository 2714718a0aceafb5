import { z } from 'zod';
import { defineNode } from '../defineNode.js';

export const endNode = defineNode({
  type: 'end',
  schema: z.object({}),
  editor: { label: { 'pt-BR': 'Fim', en: 'End' }, group: 'end' },
  outputs: () => [],
  execute: () => ({ effects: [], then: { kind: 'end', reason: 'completed' } }),
});
