import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the satisfaction survey; pt-BR is the source shape, en must match it. */
export const surveysPtBR = {
  close: {
    send: 'Enviar pesquisa de satisfação',
    sendHint: 'O cliente recebe uma pergunta de 1 a 5 logo após o encerramento.',
    always: 'A pesquisa de satisfação será enviada ao cliente.',
    settingsFailed: 'Não foi possível ler a configuração da pesquisa; o padrão da empresa será usado.',
  },
  rating: {
    label: 'Avaliação: {{score}} de 5',
    badge: '★ {{score}}',
    comment: 'Comentário do cliente',
  },
  lowScore: {
    title: 'Avaliação baixa: {{score}} de 5',
    text: '{{contact}} avaliou o atendimento #{{ticketId}}.',
    comment: '“{{comment}}”',
    open: 'Abrir atendimento',
  },
};

export const surveysEn: Dictionary<typeof surveysPtBR> = {
  close: {
    send: 'Send satisfaction survey',
    sendHint: 'The customer gets a 1 to 5 question right after closing.',
    always: 'The satisfaction survey will be sent to the customer.',
    settingsFailed: "Could not read the survey setting; the company's default will be used.",
  },
  rating: {
    label: 'Rating: {{score}} of 5',
    badge: '★ {{score}}',
    comment: "Customer's comment",
  },
  lowScore: {
    title: 'Low rating: {{score}} of 5',
    text: '{{contact}} rated conversation #{{ticketId}}.',
    comment: '“{{comment}}”',
    open: 'Open conversation',
  },
};
