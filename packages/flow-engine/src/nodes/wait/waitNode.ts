import { z } from 'zod';
import { defineNode, next } from '../defineNode.js';

export const waitNode = defineNode({
  type: 'wait',
  schema: z.object({
    delayMs: z
      .number()
      .int()
      .min(1_000)
      .max(30 * 24 * 3_600_000),
  }),
  editor: { label: { 'pt-BR': 'Aguardar', en: 'Wait' }, group: 'logic' },
  outputs: () => ['next'],
  execute: ({ data, token }) => ({
    effects: [{ type: 'scheduleTimeout', token, delayMs: data.delayMs }],
    then: { kind: 'wait', waiting: { for: 'timeout', token } },
  }),
  resume: () => next('next'),
});
