import type { Dictionary } from '../../lib/i18n/types.js';

/** The console's AI assist actions and their switches on the Integrações › IA tab. */
export const aiAssistPtBR = {
  actions: 'Integrações',
  suggest: 'Sugerir resposta (IA)',
  suggesting: 'A IA está escrevendo uma sugestão…',
  suggested: 'Sugestão colocada na caixa de texto. Revise antes de enviar: nada foi enviado ao cliente.',
  summarize: 'Resumir conversa (IA)',
  summarizing: 'A IA está resumindo a conversa…',
  summarized: 'Resumo salvo como nota privada neste atendimento.',
  failed: 'A IA não respondeu',
  settings: {
    enabled: 'Integração de IA ligada',
    enabledHint: 'Desligada, nada é enviado ao provedor: nem os nós de IA dos fluxos, nem as ações do console.',
    consoleTitle: 'Ações no console de atendimento',
    suggestReply: 'Sugerir resposta',
    suggestReplyHint: 'Rascunha a próxima resposta a partir da conversa; o atendente revisa e envia.',
    summarize: 'Resumir conversa',
    summarizeHint: 'Grava um resumo da conversa como nota privada, marcado como gerado por IA.',
    privacy:
      'As mensagens do cliente e da equipe (não as notas privadas) são enviadas ao provedor configurado apenas quando alguém usa uma dessas ações.',
  },
};

export const aiAssistEn: Dictionary<typeof aiAssistPtBR> = {
  actions: 'Integrations',
  suggest: 'Suggest a reply (AI)',
  suggesting: 'The AI is drafting a suggestion…',
  suggested: 'Suggestion placed in the text box. Review it before sending: nothing was sent to the customer.',
  summarize: 'Summarise conversation (AI)',
  summarizing: 'The AI is summarising the conversation…',
  summarized: 'Summary saved as a private note on this conversation.',
  failed: 'The AI did not answer',
  settings: {
    enabled: 'AI integration on',
    enabledHint: 'Off, nothing is sent to the provider: neither the flows’ AI nodes nor the console actions.',
    consoleTitle: 'Actions in the service console',
    suggestReply: 'Suggest a reply',
    suggestReplyHint: 'Drafts the next reply from the conversation; the agent reviews and sends it.',
    summarize: 'Summarise conversation',
    summarizeHint: 'Saves a summary of the conversation as a private note, marked as written by AI.',
    privacy:
      'The customer’s and the team’s messages (not private notes) go to the configured provider only when someone uses one of these actions.',
  },
};
