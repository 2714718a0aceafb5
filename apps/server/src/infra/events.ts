import { EventEmitter } from 'node:events';
import type { Connection, ConnectionQrEvent, Message, Ticket, User } from '@jimmy/contracts';

/**
 * Domain events, past tense, published by services after their transaction commits. Realtime,
 * outbound webhooks, flows and reports subscribe here; services never know who listens.
 */
export interface DomainEvents {
  'user.created': { companyId: number; user: User };
  'user.updated': { companyId: number; user: User };
  'session.revoked': { companyId: number; userId: number; sessionIds: string[] | 'all'; reason: string };
  'connection.updated': { companyId: number; connection: Connection };
  /** A QR connection's pairing QR or code changed; for the company's admins only. */
  'connection.qr': { companyId: number } & ConnectionQrEvent;
  /** `previous` is who could see the ticket before the change, so they learn it left their view. */
  'ticket.created': { companyId: number; ticket: Ticket };
  'ticket.updated': { companyId: number; ticket: Ticket; previous?: TicketAudience };
  'message.created': { companyId: number; ticket: TicketAudience & { id: number }; message: Message };
  'message.updated': { companyId: number; ticket: TicketAudience & { id: number }; message: Message };
  /** Users who joined or left a queue: their open sockets join or leave its room. */
  'queue.members.changed': { companyId: number; queueId: number; added: number[]; removed: number[] };
}

export type DomainEventName = keyof DomainEvents;

/** An event decided inside a transaction, published only once that transaction has committed. */
export type PendingEvent = { [E in DomainEventName]: { event: E; payload: DomainEvents[E] } }[DomainEventName];

/** What decides who may see a ticket (see tickets/visibility.ts). */
export interface TicketAudience {
  queueId: number | null;
  userId: number | null;
  status: 'pending' | 'open' | 'closed';
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
