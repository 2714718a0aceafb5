import type { Message, Ticket, Connection, ConnectionQrEvent } from './conversations.js';
import type { User } from './users.js';
import type { ScheduledMessage } from './routing.js';
import type { Notification } from './notes.js';
import type { ContactImport } from './contact-imports.js';
import type { ChatConversation, ChatMessage, PresenceStatus } from './team-chat.js';
import type { AnnouncementAckedEvent, PendingAnnouncement } from './announcements.js';
import type { CompanyStatus } from './saas.js';
import type { OnboardingState } from './onboarding.js';

/**
 * Every server → client Socket.IO event and its payload. The gateway is typed with this map,
 * and so is the web client, so an event renamed on one side breaks the build on the other.
 */
export interface ServerToClientEvents {
  'user.created': (payload: { user: User }) => void;
  'user.updated': (payload: { user: User }) => void;
  /** Sent to a user's own room when their session is revoked (deactivated, logged out elsewhere). */
  'session.revoked': (payload: { reason: string }) => void;
  /** To everyone of the company: its status changed (read-only, active again); refetch GET /api/me. */
  'company.status': (payload: { status: CompanyStatus }) => void;
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
  /** Internal chat: to each member's own room, with ticketRefs resolved for that member. */
  'chat.message': (payload: { conversationId: number; message: ChatMessage }) => void;
  'chat.read': (payload: { conversationId: number; userId: number; messageId: number; at: string }) => void;
  /** Another member is typing (never sent back to the typist). */
  'chat.typing': (payload: { conversationId: number; userId: number }) => void;
  /** Created, renamed or members changed; as the receiving member sees it. */
  'chat.conversation': (payload: { conversation: ChatConversation }) => void;
  /** The receiver was removed from a group. */
  'chat.conversation.removed': (payload: { conversationId: number }) => void;
  /** A user of the company came online, went away or went offline. */
  'presence.changed': (payload: { userId: number; status: PresenceStatus }) => void;
  /** A new announcement, to each recipient's own room only (the banner shows it until acknowledged). */
  'announcement.created': (payload: { announcement: PendingAnnouncement }) => void;
  /** A recipient acknowledged an announcement; to its author and the company's admins. */
  'announcement.acked': (payload: AnnouncementAckedEvent) => void;
  /** Archived (or expired by hand): recipients drop it from their banner, managers from their counts. */
  'announcement.archived': (payload: { announcementId: number }) => void;
  /** SaaS: a step of the company's first-steps checklist ticked (or it was dismissed/restored); to its admins, with the new state. */
  'onboarding.changed': (payload: { onboarding: OnboardingState }) => void;
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
  /** Internal chat: the sender is typing in a conversation they belong to (throttled by the server). */
  'chat.typing': (payload: { conversationId: number }) => void;
  /** The user is active again (clears "away"). */
  'presence.activity': (payload: Record<string, never>) => void;
  /** The client's idle timer fired. */
  'presence.away': (payload: Record<string, never>) => void;
}
