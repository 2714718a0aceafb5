import { EventEmitter } from 'node:events';
import type {
  CompanyStatus,
  Connection,
  ConnectionQrEvent,
  Message,
  Notification,
  ScheduledMessage,
  Ticket,
  TicketStatus,
  User,
} from '@jimmy/contracts';

/**
 * Domain events, past tense, published by services after their transaction commits. Realtime,
 * outbound webhooks, flows and reports subscribe here; services never know who listens.
 */
export interface DomainEvents {
  'user.created': { companyId: number; user: User };
  'user.updated': { companyId: number; user: User };
  'session.revoked': { companyId: number; userId: number; sessionIds: string[] | 'all'; reason: string };
  /** The company's standing changed (trial ended, paid, suspended): its consoles refetch /api/me. */
  'company.status.changed': { companyId: number; status: CompanyStatus; previous: CompanyStatus; reason: string };
  'connection.updated': { companyId: number; connection: Connection };
  /** A QR connection's pairing QR or code changed; for the company's admins only. */
  'connection.qr': { companyId: number } & ConnectionQrEvent;
  /** `previous` is who could see the ticket before the change, so they learn it left their view. */
  'ticket.created': { companyId: number; ticket: Ticket };
  'ticket.updated': { companyId: number; ticket: Ticket; previous?: TicketAudience };
  'message.created': { companyId: number; ticket: TicketAudience & { id: number }; message: Message };
  'message.updated': { companyId: number; ticket: TicketAudience & { id: number }; message: Message };
  /** A private note was deleted. */
  'message.deleted': { companyId: number; ticket: TicketAudience & { id: number }; messageId: number };
  /** For one user only (an @mention). */
  'notification.created': { companyId: number; userId: number; notification: Notification };
  /** Users who joined or left a queue: their open sockets join or leave its room. */
  'queue.members.changed': { companyId: number; queueId: number; added: number[]; removed: number[] };
  /** A queue was created or edited (its assignment mode or hours may have changed). */
  'queue.updated': { companyId: number; queueId: number };
  /** A user's first socket on this node opened: they may take tickets waiting for someone online. */
  'user.online': { companyId: number; userId: number };
  /**
   * A ticket was handed to another agent or queue: the receiver is told who sent it and why.
   * `toUserId` null: handed to the queue (`ticket.queueId`) as a whole.
   */
  'ticket.transferred': {
    companyId: number;
    ticket: Ticket;
    from: { id: number; name: string };
    note: string | null;
    toUserId: number | null;
  };
  /** `ticket`: the conversation it belongs to (null before one exists); its creator hears it too. */
  'scheduled.updated': { companyId: number; ticket: TicketAudience | null; createdBy: number | null; scheduledMessage: ScheduledMessage };
  /** Tags or kanban lanes of the company changed: every signed-in user refreshes them. */
  'tags.changed': { companyId: number };
  /** A contact's fields, tags or state changed (or it was merged away): screens showing it refetch. */
  'contact.changed': { companyId: number; contactId: number };
  /** The company let (or stopped letting) every agent see pending tickets without a queue. */
  'company.unqueued-visibility.changed': { companyId: number; visible: boolean };
  /** A flow's draft was frozen as a new version (after its transaction committed). */
  'flow.published': { companyId: number; flowId: number; versionId: number };
  /** Internal chat: a message was posted; realtime resolves its ticket refs per member. */
  'chat.message.created': { companyId: number; conversationId: number; memberIds: number[]; messageId: number };
  'chat.read': { companyId: number; conversationId: number; memberIds: number[]; userId: number; messageId: number; at: string };
  /** A conversation was created, renamed or its members changed; `removedIds` left it. */
  'chat.conversation.changed': { companyId: number; conversationId: number; memberIds: number[]; removedIds: number[] };
}

export type DomainEventName = keyof DomainEvents;

/** An event decided inside a transaction, published only once that transaction has committed. */
export type PendingEvent = { [E in DomainEventName]: { event: E; payload: DomainEvents[E] } }[DomainEventName];

/** What decides who may see a ticket (see tickets/visibility.ts). */
export interface TicketAudience {
  queueId: number | null;
  userId: number | null;
  status: TicketStatus;
}

export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: true });

  constructor(private readonly onListenerError: (error: unknown, event: string) => void) {
    this.emitter.setMaxListeners(100);
  }

  publish<E extends DomainEventName>(event: E, payload: DomainEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  publishAll(pending: readonly PendingEvent[]): void {
    for (const { event, payload } of pending) this.emitter.emit(event, payload);
  }

  /** A failing subscriber is logged and never breaks the publisher or the other subscribers. */
  subscribe<E extends DomainEventName>(event: E, listener: (payload: DomainEvents[E]) => void | Promise<void>): () => void {
    const wrapped = (payload: DomainEvents[E]) => {
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch((error: unknown) => this.onListenerError(error, event));
      } catch (error) {
        this.onListenerError(error, event);
      }
    };
    this.emitter.on(event, wrapped);
    return () => this.emitter.off(event, wrapped);
  }
}
