import type { MenuMessage } from './types.js';

/** A menu as plain text, e.g. for the message row agents read in the ticket history. */
export function menuAsText(menu: MenuMessage): string {
  switch (menu.kind) {
    case 'buttons':
      return [menu.body, ...menu.buttons.map((button) => `[${button.title}]`)].join('\n');
    case 'list':
      return [menu.body, `[${menu.buttonLabel}]`, ...menu.rows.map((row, index) => `${index + 1} - ${row.title}`)].join('\n');
    case 'text':
      return menu.body;
  }
}
