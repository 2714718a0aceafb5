import { z } from 'zod';
import { defineNode, next } from '../defineNode.js';

export const tagNode = defineNode({
  type: 'tag',
  schema: z.object({ action: z.enum(['add', 'remove']), tag: z.string().min(1) }),
  editor: { label: { 'pt-BR': 'Etiqueta', en: 'Tag' }, group: 'action' },
  outputs: () => ['next'],
  execute: ({ data }) => next('next', [data.action === 'add' ? { type: 'setTag', tag: data.tag } : { type: 'removeTag', tag: data.tag }]),
});
