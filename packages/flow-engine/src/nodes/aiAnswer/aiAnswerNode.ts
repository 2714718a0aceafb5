import { z } from 'zod';
import type { Effect } from '../../engine/effects.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode, next } from '../defineNode.js';

/** The answer's text from an effectResult: a string, or `{ text }` as the server reports it. */
function answerText(data: unknown): string {
  if (typeof data === 'string') return data.trim();
  if (data !== null && typeof data === 'object' && 'text' in data && typeof data.text === 'string') return data.text.trim();
  return '';
}

/**
 * Describes an OpenAI-compatible chat completion; the server adds the base URL, model and key from
 * the company's AI integration settings (they never live in a flow) and answers with effectResult.
 */
export const aiAnswerNode = defineNode({
  type: 'aiAnswer',
  schema: z
    .object({
      systemPrompt: z.string().min(1),
      /** What the model answers; default: the customer's latest message. */
      userMessage: z.string().optional(),
      saveAs: z.string().min(1).optional(),
      sendToCustomer: z.boolean().default(true),
      typingMs: z.number().int().min(0).max(30_000).default(0),
    })
    .refine((data) => data.sendToCustomer || data.saveAs !== undefined, { message: 'send the answer or save it', path: ['saveAs'] }),
  editor: { label: { 'pt-BR': 'Resposta de IA', en: 'AI answer' }, group: 'integration' },
  outputs: () => ['success', 'error'],
  execute: ({ data, variables, contact, lastMessage, token }) => {
    const content = data.userMessage === undefined ? lastMessage : renderTemplate(data.userMessage, variables, contact.fields);
    return {
      effects: [
        {
          type: 'aiRequest',
          requestId: token,
          systemPrompt: renderTemplate(data.systemPrompt, variables, contact.fields),
          messages: [{ role: 'user', content }],
        },
      ],
      then: { kind: 'wait', waiting: { for: 'effectResult', requestId: token } },
    };
  },
  resume: ({ data, nodeId }, event) => {
    if (event.type !== 'effectResult') return next('error');
    const text = event.result.ok ? answerText(event.result.data) : '';
    if (text === '') {
      const reason = event.result.ok ? 'empty answer' : event.result.error;
      return next('error', [{ type: 'log', level: 'warn', nodeId, message: `AI request failed: ${reason}` }]);
    }
    const effects: Effect[] = [];
    if (data.saveAs !== undefined) effects.push({ type: 'setVariable', name: data.saveAs, value: text });
    if (data.sendToCustomer) effects.push({ type: 'sendText', text, typingMs: data.typingMs });
    return next('success', effects, data.saveAs === undefined ? {} : { variables: { [data.saveAs]: text } });
  },
});
