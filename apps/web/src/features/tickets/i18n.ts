import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the tickets feature; pt-BR is the source shape, en must match it (see lib/i18n/types.ts). */
export const ticketsPtBR = {
  title: 'Atendimentos',
};

export const ticketsEn: Dictionary<typeof ticketsPtBR> = {
  title: 'Atendimentos',
};
