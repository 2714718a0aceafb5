import type { Dictionary } from '../../lib/i18n/types.js';

/** The Integrações › Typebot tab and the console's "Enviar para o Typebot". */
export const typebotPtBR = {
  intro:
    'Conecte um bot publicado no Typebot (typebot.io ou instalado por você). Num atendimento, “Enviar para o Typebot” passa a conversa ao bot; quando ele termina, o atendimento volta para a fila.',
  baseUrl: 'Endereço do Typebot',
  baseUrlHint: 'https://typebot.io ou o endereço do seu Typebot (o “viewer”, onde o bot publicado responde).',
  publicId: 'ID público do bot',
  publicIdHint: 'No Typebot, em Compartilhar › API: o ID público do bot publicado.',
  apiToken: 'Token de API (opcional)',
  apiTokenHint: 'Só se o seu Typebot exigir. Guardado criptografado; nunca é mostrado de novo.',
  apiTokenStored: 'Há um token guardado. Deixe em branco para mantê-lo.',
  removeToken: 'Remover token',
  enabled: 'Typebot ligado',
  enabledHint: 'Desligado, ninguém pode enviar atendimentos ao Typebot e nada é chamado.',
  notConfigured: 'Não configurado',
  howItEnds:
    'Se o Typebot não responder (erro ou demora de mais de 15 s), o atendimento vai para a fila na hora, sem ficar preso no bot. Um atendente que assume a conversa encerra o Typebot.',
  send: 'Enviar para o Typebot',
  sending: 'Enviando ao Typebot…',
  sent: 'O Typebot assumiu a conversa. Quando ele terminar, o atendimento volta para a fila.',
  failed: 'Não foi possível enviar ao Typebot',
};

export const typebotEn: Dictionary<typeof typebotPtBR> = {
  intro:
    'Connect a bot published on Typebot (typebot.io or self-hosted). In a conversation, “Send to Typebot” hands it to the bot; when the bot ends, the conversation goes back to the queue.',
  baseUrl: 'Typebot address',
  baseUrlHint: 'https://typebot.io or your Typebot’s address (the “viewer”, where the published bot answers).',
  publicId: 'Bot public ID',
  publicIdHint: 'In Typebot, under Share › API: the published bot’s public ID.',
  apiToken: 'API token (optional)',
  apiTokenHint: 'Only if your Typebot requires one. Stored encrypted; never shown again.',
  apiTokenStored: 'A token is stored. Leave blank to keep it.',
  removeToken: 'Remove token',
  enabled: 'Typebot on',
  enabledHint: 'Off, nobody can send conversations to Typebot and nothing is called.',
  notConfigured: 'Not set up',
  howItEnds:
    'If Typebot does not answer (an error, or more than 15 s), the conversation goes to the queue at once instead of staying with the bot. An agent who takes the conversation over ends Typebot.',
  send: 'Send to Typebot',
  sending: 'Sending to Typebot…',
  sent: 'Typebot took over the conversation. When it ends, the conversation goes back to the queue.',
  failed: 'Could not send to Typebot',
};
