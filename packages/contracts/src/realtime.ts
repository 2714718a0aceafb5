import type { Message, Ticket, Connection, ConnectionQrEvent } from './conversations.js';
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
  /** Never carries qr/pairingCode: those go to admins only, through connection.qr. */
  'connection.updated': (payload: { connection: Connection }) => void;
  /** whatsapp_web pairing: a new (rotated) QR or pairing code, or nulls once paired; admins of the company only. */
  'connection.qr': (payload: ConnectionQrEvent) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
}
