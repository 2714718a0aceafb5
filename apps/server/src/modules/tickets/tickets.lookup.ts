import type { Ticket } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { notFound } from '../../infra/errors.js';
import type { PendingEvent } from '../../infra/events.js';
import { audienceOf } from './audience.js';
import { toTicketDto } from './tickets.mapper.js';
import type { TicketsRepository } from './tickets.repository.js';

/**
 * Reads a ticket as others need it: for an event after a change, or to know who hears about a
 * message. Built before the services (which depend on each other through it), and always reads
 * through the `q` it is given, so a caller holding a transaction never waits for the pool.
 */
export class TicketLookup {
  constructor(private readonly repo: TicketsRepository) {}

  async find(q: Queryable, companyId: number, ticketId: number): Promise<Ticket | undefined> {
    const row = await this.repo.with(q).find(companyId, ticketId);
    return row ? toTicketDto(row) : undefined;
  }

  /**
   * The ticket after a change, and the event telling everyone who could see it before (`before`: the
   * ticket, or just its status, queue and agent) or can see it now.
   */
  async updated(
    q: Queryable,
    companyId: number,
    ticketId: number,
    before?: Pick<Ticket, 'queueId' | 'userId' | 'status'>,
  ): Promise<{ ticket: Ticket; event: PendingEvent }> {
    const ticket = await this.find(q, companyId, ticketId);
    if (!ticket) throw notFound('Ticket');
    return { ticket, event: { event: 'ticket.updated', payload: { companyId, ticket, ...(before && { previous: audienceOf(before) }) } } };
  }

  async created(q: Queryable, companyId: number, ticketId: number): Promise<{ ticket: Ticket; event: PendingEvent }> {
    const ticket = await this.find(q, companyId, ticketId);
    if (!ticket) throw notFound('Ticket');
    return { ticket, event: { event: 'ticket.created', payload: { companyId, ticket } } };
  }
}
