import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the contacts feature; pt-BR is the source shape, en must match it (see lib/i18n/types.ts). */
export const contactsPtBR = {
  title: 'Contatos',
};

export const contactsEn: Dictionary<typeof contactsPtBR> = {
  title: 'Contacts',
};
