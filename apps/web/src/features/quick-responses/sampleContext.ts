import type { QuickResponseContext } from '@jimmy/contracts';

/** What the management page previews variables with: no ticket there, so sample data the agent recognises. */
export function sampleContext(agentName: string, timeZone: string): QuickResponseContext {
  return {
    contactName: 'Maria Souza',
    agentName,
    ticketId: 1234,
    queueName: 'Suporte',
    customFields: {},
    now: new Date(),
    timeZone,
  };
}

/** `{{…}}` left in a text: a variable nobody filled, which the server refuses to send. */
export const leftoverVariables = (text: string) => [...new Set(text.match(/\{\{[^{}]*\}\}/g) ?? [])];
