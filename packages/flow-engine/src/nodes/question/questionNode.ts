import { z } from 'zod';
import { validateAnswer } from '../../answers/validateAnswer.js';
import { localTime } from '../../text/localTime.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import type { Effect } from '../../engine/effects.js';
import { defineNode, next } from '../defineNode.js';

const schema = z
  .object({
    prompt: z.string().min(1),
    answer: z.enum(['text', 'number', 'email', 'phone', 'cpf', 'cnpj', 'date', 'options']),
    /** For `options`: the accepted answers (case and accents ignored); the canonical one is saved. */
    choices: z.array(z.string().min(1)).default([]),
    saveAs: z.string().min(1),
    invalidMessage: z.string().min(1).default('Não entendi. Pode responder de novo?'),
    /** Re-asks after an invalid answer; one more invalid answer leaves through "invalid". */
    maxRetries: z.number().int().min(0).max(10).default(2),
    /** No reply within this time leaves through "timeout"; counted from the first ask. */
    timeoutMs: z.number().int().min(1_000).optional(),
    typingMs: z.number().int().min(0).max(30_000).default(0),
  })
  .refine((data) => data.answer !== 'options' || data.choices.length > 0, { message: 'list the accepted answers', path: ['choices'] });

export const questionNode = defineNode({
  type: 'question',
  schema,
  editor: { label: { 'pt-BR': 'Pergunta', en: 'Question' }, group: 'input' },
  outputs: (data) => (data.timeoutMs === undefined ? ['next', 'invalid'] : ['next', 'invalid', 'timeout']),
  execute: ({ data, variables, contact, token }) => {
    const effects: Effect[] = [{ type: 'sendText', text: renderTemplate(data.prompt, variables, contact.fields), typingMs: data.typingMs }];
    if (data.timeoutMs !== undefined) effects.push({ type: 'scheduleTimeout', token, delayMs: data.timeoutMs });
    return {
      effects,
      then: { kind: 'wait', waiting: data.timeoutMs === undefined ? { for: 'reply' } : { for: 'reply', token } },
      retries: 0,
    };
  },
  resume: ({ data, retries, token, ctx }, event) => {
    if (event.type !== 'reply') return next('timeout', [], { retries: 0 });
    // Only a date typed without a year needs the clock; formatting it costs more than the rest of the step.
    const currentYear = data.answer === 'date' ? localTime(ctx.now, ctx.timeZone).year : 0;
    const answer = validateAnswer(data.answer, event.text, { currentYear, choices: data.choices });
    if (answer.ok) {
      return next('next', [{ type: 'setVariable', name: data.saveAs, value: answer.value }], {
        variables: { [data.saveAs]: answer.value },
        retries: 0,
      });
    }
    if (retries + 1 > data.maxRetries) return next('invalid', [], { retries: 0 });
    return {
      effects: [{ type: 'sendText', text: data.invalidMessage, typingMs: 0 }],
      // The same token: the no-reply timer keeps running from the first ask.
      then: { kind: 'wait', waiting: data.timeoutMs === undefined ? { for: 'reply' } : { for: 'reply', token } },
      retries: retries + 1,
    };
  },
});
