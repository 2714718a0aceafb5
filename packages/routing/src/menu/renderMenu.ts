import { truncateTitle } from './truncateTitle.js';
import type { MenuCapabilities, MenuMessage, MenuOption } from './types.js';

/** WhatsApp Cloud API limits, in characters. */
export const MENU_LIMITS = { buttonTitle: 20, rowTitle: 24, rowDescription: 72, listButtonLabel: 20 } as const;

export const DEFAULT_LIST_BUTTON_LABEL = 'Escolha uma opção';

// WhatsApp rejects two reply buttons with the same title, and the customer could not tell two
// rows apart either: when cutting makes titles collide, number them all.
function titles(options: readonly MenuOption[], max: number): string[] {
  const plain = options.map((option) => truncateTitle(option.label, max));
  const unique = new Set(plain.map((title) => title.toLowerCase())).size === plain.length;
  return unique ? plain : options.map((option, index) => truncateTitle(`${index + 1}. ${option.label}`, max));
}

/**
 * The richest form of a menu the channel can show: reply buttons when they fit, else a list, else
 * numbered text lines ("1 - Vendas"), whose numbers `matchOption` understands for every form.
 */
export function renderMenu(
  prompt: string,
  options: readonly MenuOption[],
  capabilities: MenuCapabilities,
  listButtonLabel: string = DEFAULT_LIST_BUTTON_LABEL,
): MenuMessage {
  if (options.length > 0 && options.length <= capabilities.buttons) {
    const buttonTitles = titles(options, MENU_LIMITS.buttonTitle);
    return {
      kind: 'buttons',
      body: prompt,
      buttons: options.map((option, index) => ({ id: option.id, title: buttonTitles[index] ?? '' })),
    };
  }
  if (options.length > 0 && options.length <= capabilities.listRows) {
    const rowTitles = titles(options, MENU_LIMITS.rowTitle);
    return {
      kind: 'list',
      body: prompt,
      buttonLabel: truncateTitle(listButtonLabel, MENU_LIMITS.listButtonLabel),
      rows: options.map((option, index) => {
        const title = rowTitles[index] ?? '';
        // A cut title loses words; the row description can carry the whole label.
        return title === option.label.trim()
          ? { id: option.id, title }
          : { id: option.id, title, description: truncateTitle(option.label, MENU_LIMITS.rowDescription) };
      }),
    };
  }
  const lines = options.map((option, index) => `${index + 1} - ${option.label.trim()}`);
  return { kind: 'text', body: [prompt, lines.join('\n')].filter((part) => part !== '').join('\n\n') };
}
