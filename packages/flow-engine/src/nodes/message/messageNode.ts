import { z } from 'zod';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode, next } from '../defineNode.js';

export const messageNode = defineNode({
  type: 'message',
  schema: z.object({ text: z.string().min(1), typingMs: z.number().int().min(0).max(30_000).default(0) }),
  editor: { label: { 'pt-BR': 'Mensagem', en: 'Message' }, group: 'message' },
  outputs: () => ['next'],
  execute: ({ data, variables, contact }) =>
    next('next', [{ type: 'sendText', text: renderTemplate(data.text, variables, contact.fields), typingMs: data.typingMs }]),
});
