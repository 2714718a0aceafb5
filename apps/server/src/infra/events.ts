import { EventEmitter } from 'node:events';
import type { User } from '@jimmy/contracts';

/**
 * Domain events, past tense, published by services after their transaction commits. Realtime,
 * outbound webhooks, flows and reports subscribe here; services never know who listens.
 */
export interface DomainEvents {
  'user.created': { companyId: number; user: User };
  'user.updated': { companyId: number; user: User };
  'session.revoked': { companyId: number; userId: number; sessionIds: string[] | 'all'; reason: string };
}

export type DomainEventName = keyof DomainEvents;

export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: true });

  constructor(private readonly onListenerError: (error: unknown, event: string) => void) {
    this.emitter.setMaxListeners(100);
  }

  publish<E extends DomainEventName>(event: E, payload: DomainEvents[E]): void {
    this.emitter.emit(event, payload);
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
