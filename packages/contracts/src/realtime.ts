import type { Message, Ticket, Connection, ConnectionQrEvent } from './conversations.js';
import type { User } from './users.js';
import type { ScheduledMessage } from './routing.js';
import type { Notification } from './notes.js';
import type { ContactImport } from './contact-imports.js';

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
  /** To the receiving agent (or the receiving queue's members): who handed the ticket over, and why. */
  'ticket.transferred': (payload: { ticket: Ticket; from: { id: number; name: string }; note: string | null }) => void;
  'message.created': (payload: { ticketId: number; message: Message }) => void;
  'message.updated': (payload: { ticketId: number; message: Message }) => void;
  /** A private note was deleted. */
  'message.deleted': (payload: { ticketId: number; messageId: number }) => void;
  /** To the one user it is for (an @mention in a note). */
  'notification.created': (payload: { notification: Notification }) => void;
  /** A scheduled message was created, edited, sent, failed or canceled: its creator and whoever sees its ticket. */
  'scheduled.updated': (payload: { scheduledMessage: ScheduledMessage }) => void;
  /** Never carries qr/pairingCode: those go to admins only, through connection.qr. */
  'connection.updated': (payload: { connection: Connection }) => void;
  /** whatsapp_web pairing: a new (rotated) QR or pairing code, or nulls once paired; admins of the company only. */
  'connection.qr': (payload: ConnectionQrEvent) => void;
  /** The company's tags or kanban lanes changed (created, renamed, recoloured, deleted, lanes reordered). */
  'tags.changed': (payload: Record<string, never>) => void;
  /** A contact was edited, tagged, blocked, merged or anonymised by someone; every screen showing it refetches. */
  'contact.changed': (payload: { contactId: number }) => void;
  /** A customer rated a ticket 1 or 2; to the supervisors of the ticket's queue and the admins. */
  'survey.low-score': (payload: SurveyLowScoreEvent) => void;
  /** A CSV contact import moved on (every batch) or ended; to the user who started it. */
  'contacts.import.progress': (payload: { import: ContactImport }) => void;
}

export interface SurveyLowScoreEvent {
  ticketId: number;
  queueId: number | null;
  userId: number | null;
  score: number;
  comment: string | null;
  contactName: string;
}

export interface ClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
}
