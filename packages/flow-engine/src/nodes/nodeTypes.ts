/** Every node type a saved flow may hold; the registry must handle each (checked by the compiler). */
export const NODE_TYPES = [
  'start',
  'message',
  'media',
  'question',
  'menu',
  'condition',
  'setVariable',
  'tag',
  'contactField',
  'workingHours',
  'httpRequest',
  'aiAnswer',
  'wait',
  'goToFlow',
  'transfer',
  'closeTicket',
  'end',
] as const;

export type NodeType = (typeof NODE_TYPES)[number];
