import type { Message, Ticket, Connection } from './conversations.js';
import type { User } from './users.js';

/**
 * Every server → client Socket.IO event and its payload. The gateway is typed with this map,
 * and so is the web client, so an event renamed on one side breaks the build on the other.
 */
export interface ServerToClientEvents {
  'user.created': (payload: { user: User }) => void;
  'user.updated': (payload: { user: User }) => void;
  /** Sent to a user's own room when their session is revoked (deactivated, logged out elsewhere). */
  'session.revoked': (payload: { reason: string }) => void;
  'ticket.created': (payload: { ticket: Ticket }) => void;
  'ticket.updated': (payload: { ticket: Ticket }) => void;
  /** The ticket left what this user may see (transferred to a queue they are not in). */
  'ticket.removed': (payload: { ticketId: number }) => void;
  'message.created': (payload: { ticketId: number; message: Message }) => void;
  'message.updated': (payload: { ticketId: number; message: Message }) => void;
  'connection.updated': (payload: { connection: Connection }) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
}
