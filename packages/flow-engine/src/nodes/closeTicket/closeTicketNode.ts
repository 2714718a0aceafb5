import { z } from 'zod';
import type { Effect } from '../../engine/effects.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode } from '../defineNode.js';

export const closeTicketNode = defineNode({
  type: 'closeTicket',
  schema: z.object({ survey: z.boolean().default(false), message: z.string().optional() }),
  editor: { label: { 'pt-BR': 'Encerrar atendimento', en: 'Close ticket' }, group: 'end' },
  outputs: () => [],
  execute: ({ data, variables, contact }) => {
    const effects: Effect[] = [];
    if (data.message) effects.push({ type: 'sendText', text: renderTemplate(data.message, variables, contact.fields), typingMs: 0 });
    // The survey is asked before the ticket closes, so its answer lands on this ticket.
    if (data.survey) effects.push({ type: 'startSurvey' });
    effects.push({ type: 'closeTicket', survey: data.survey });
    return { effects, then: { kind: 'end', reason: 'closed' } };
  },
});
