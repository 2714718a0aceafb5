import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of message search; pt-BR is the source shape, en must match it (see lib/i18n/types.ts). */
export const searchPtBR = {
  modeLabel: 'Buscar em',
  modes: { tickets: 'Atendimentos', messages: 'Mensagens' },
  placeholderMessages: 'Buscar no texto das mensagens',
  hint: 'Use "aspas" para uma frase exata e -palavra para excluir.',
  loadFailed: 'Não foi possível buscar nas mensagens',
  noMatchTitle: 'Nenhuma mensagem encontrada',
  noMatchText:
    'Tente menos palavras, outra forma da palavra ou tire as aspas. A busca ignora acentos e só mostra conversas que você pode ver.',
  searchTickets: 'Buscar em atendimentos',
  typeToSearch: 'Digite uma palavra para buscar nas mensagens de todas as conversas que você pode ver.',
  from: { customer: 'Cliente', agent: 'Agente', bot: 'Bot', system: 'Sistema' },
  note: 'Nota',
  openHit: 'Abrir a conversa nesta mensagem',
  focus: {
    back: 'Ir para as mensagens recentes',
    showing: 'Mostrando a mensagem encontrada',
  },
};

export const searchEn: Dictionary<typeof searchPtBR> = {
  modeLabel: 'Search in',
  modes: { tickets: 'Tickets', messages: 'Messages' },
  placeholderMessages: 'Search message text',
  hint: 'Use "quotes" for an exact phrase and -word to leave a word out.',
  loadFailed: 'Could not search the messages',
  noMatchTitle: 'No message found',
  noMatchText:
    'Try fewer words, another form of the word, or remove the quotes. Accents are ignored; only conversations you may see are searched.',
  searchTickets: 'Search tickets instead',
  typeToSearch: 'Type a word to search the messages of every conversation you may see.',
  from: { customer: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' },
  note: 'Note',
  openHit: 'Open the conversation at this message',
  focus: {
    back: 'Go to the latest messages',
    showing: 'Showing the message you found',
  },
};
