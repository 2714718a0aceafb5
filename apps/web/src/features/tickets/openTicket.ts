/**
 * Which conversation is on screen, if any. Live events are handled app-wide (so a new message
 * chimes on any page), and they need to know whether the customer's message is being read now.
 */
export const openTicketRef: { current: number | null } = { current: null };
