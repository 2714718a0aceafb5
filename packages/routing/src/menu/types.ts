/** What a customer sent back: the typed text and, for an interactive reply, the chosen id. */
export interface Reply {
  text?: string;
  choiceId?: string;
}

export interface MenuOption {
  id: string;
  label: string;
}

/** What the channel's transport can show; 0 when it has no such element. */
export interface MenuCapabilities {
  /** Most reply buttons in one message (WhatsApp Cloud API: 3). */
  buttons: number;
  /** Most rows in one list message (WhatsApp Cloud API: 10). */
  listRows: number;
}

export type MenuMessage =
  | { kind: 'buttons'; body: string; buttons: Array<{ id: string; title: string }> }
  | { kind: 'list'; body: string; buttonLabel: string; rows: Array<{ id: string; title: string; description?: string }> }
  | { kind: 'text'; body: string };
