import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the connections feature; pt-BR is the source shape, en must match it (see lib/i18n/types.ts). */
export const connectionsPtBR = {
  title: 'Conexões',
};

export const connectionsEn: Dictionary<typeof connectionsPtBR> = {
  title: 'Connections',
};
