import type { Ticket, TicketListQuery } from '@jimmy/contracts';
import { isUniqueViolation } from '../../infra/db/index.js';
import { conflict, DomainError, invalid, notFound } from '../../infra/errors.js';
import type { EventBus, TicketAudience } from '../../infra/events.js';
import type { AuthContext } from '../auth/index.js';
import type { QueuesService } from '../queues/index.js';
import { encodeCursor, toTicketDto, type TicketRow } from './tickets.mapper.js';
import type { TicketsRepository, Viewer } from './tickets.repository.js';
import { canSeeTicket, seesAllTickets } from './visibility.js';

export const audienceOf = (t: Pick<Ticket, 'queueId' | 'userId' | 'status'>): TicketAudience => ({
  queueId: t.queueId,
  userId: t.userId,
  status: t.status,
});

const isLiveTicketConflict = (error: unknown) => isUniqueViolation(error, 'tickets_one_live_per_contact');

/** A system line in the conversation (transfers, reopenings); never sent to the customer. */
export type SystemNote = (
  ticket: Ticket,
  auth: AuthContext,
  event: { event: 'transferred' | 'reopened' | 'closed'; queueId?: number | null; userId?: number | null; note?: string },
) => Promise<void>;

export class TicketsService {
  private systemNote: SystemNote = async () => undefined;

  constructor(
    private readonly repo: TicketsRepository,
    private readonly queues: QueuesService,
    private readonly events: EventBus,
  ) {}

  /** Set by the messages module, which owns message rows (avoids a module cycle). */
  useSystemNotes(note: SystemNote) {
    this.systemNote = note;
  }

  async viewer(auth: AuthContext): Promise<Viewer> {
    const seesAll = seesAllTickets(auth);
    return {
      companyId: auth.companyId,
      userId: auth.userId,
      seesAll,
      queueIds: seesAll ? [] : await this.queues.queueIdsOf(auth.companyId, auth.userId),
    };
  }

  async list(auth: AuthContext, query: TicketListQuery): Promise<{ items: Ticket[]; nextCursor: string | null }> {
    const rows = await this.repo.list(await this.viewer(auth), query);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toTicketDto), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  /** A ticket the caller may see, or 404 exactly as if it did not exist. */
  async get(auth: AuthContext, ticketId: number): Promise<Ticket> {
    return toTicketDto(await this.visibleRow(auth, ticketId));
  }

  async visibleRow(auth: AuthContext, ticketId: number): Promise<TicketRow> {
    const row = await this.repo.find(auth.companyId, ticketId);
    if (!row) throw notFound('Ticket');
    const viewer = await this.viewer(auth);
    if (
      !canSeeTicket(auth, viewer.queueIds, {
        queueId: row.queue_id === null ? null : Number(row.queue_id),
        userId: row.user_id === null ? null : Number(row.user_id),
        status: row.status,
      })
    ) {
      throw notFound('Ticket');
    }
    return row;
  }

  async accept(auth: AuthContext, ticketId: number): Promise<Ticket> {
    const before = await this.get(auth, ticketId);
    if (before.status === 'open' && before.userId === auth.userId) return before;
    if (before.status !== 'pending')
      throw conflict(
        'TICKET_NOT_PENDING',
        before.status === 'open' ? 'Another agent already accepted this ticket' : 'This ticket is closed; reopen it instead',
      );
    const won = await this.repo.transition(auth.companyId, ticketId, ['pending'], {
      status: 'open',
      userId: auth.userId,
      resetUnread: true,
    });
    if (!won) throw conflict('TICKET_NOT_PENDING', 'Another agent already accepted this ticket');
    return this.publishUpdate(auth.companyId, ticketId, before);
  }

  async transfer(
    auth: AuthContext,
    ticketId: number,
    input: { queueId?: number | null; userId?: number | null; note?: string },
  ): Promise<Ticket> {
    const before = await this.get(auth, ticketId);
    if (before.status === 'closed') throw conflict('TICKET_CLOSED', 'Reopen the ticket before transferring it');
    if (input.queueId != null && !(await this.queues.exists(auth.companyId, input.queueId))) throw invalid({ queueId: 'no such queue' });
    if (input.userId != null && !(await this.repo.userIsActiveMember(auth.companyId, input.userId)))
      throw invalid({ userId: 'no such active user' });
    const toUser = input.userId !== undefined ? input.userId : before.userId;
    // Handing a ticket to a queue without an agent puts it back in that queue's waiting list.
    const status = toUser === null ? 'pending' : 'open';
    await this.repo.transition(auth.companyId, ticketId, ['pending', 'open'], {
      status,
      userId: toUser,
      ...(input.queueId !== undefined && { queueId: input.queueId }),
    });
    const after = await this.publishUpdate(auth.companyId, ticketId, before);
    await this.systemNote(after, auth, {
      event: 'transferred',
      queueId: after.queueId,
      userId: after.userId,
      ...(input.note && { note: input.note }),
    });
    return after;
  }

  async close(auth: AuthContext, ticketId: number): Promise<Ticket> {
    const before = await this.get(auth, ticketId);
    if (before.status === 'closed') return before;
    await this.repo.transition(auth.companyId, ticketId, ['pending', 'open'], {
      status: 'closed',
      closedAt: new Date(),
      resetUnread: true,
    });
    return this.publishUpdate(auth.companyId, ticketId, before);
  }

  async reopen(auth: AuthContext, ticketId: number): Promise<Ticket> {
    const before = await this.get(auth, ticketId);
    if (before.status !== 'closed') return before;
    try {
      await this.repo.transition(auth.companyId, ticketId, ['closed'], { status: 'open', userId: auth.userId, closedAt: null });
    } catch (error) {
      if (isLiveTicketConflict(error)) {
        throw new DomainError('CONTACT_HAS_LIVE_TICKET', 'This contact already has an open conversation on this connection', 409);
      }
      throw error;
    }
    return this.publishUpdate(auth.companyId, ticketId, before);
  }

  async markRead(auth: AuthContext, ticketId: number): Promise<Ticket> {
    const before = await this.get(auth, ticketId);
    if (before.unreadCount === 0) return before;
    await this.repo.markRead(auth.companyId, ticketId);
    await this.onRead(ticketId);
    return this.publishUpdate(auth.companyId, ticketId, before);
  }

  /** Set by the composition root: tells the provider the customer's messages were read. */
  onRead: (ticketId: number) => Promise<unknown> = async () => undefined;

  async history(auth: AuthContext, contactId: number): Promise<Ticket[]> {
    const viewer = await this.viewer(auth);
    const rows = await this.repo.historyOf(auth.companyId, contactId);
    return rows.map(toTicketDto).filter((t) => canSeeTicket(auth, viewer.queueIds, audienceOf(t)));
  }

  /** Re-reads the ticket after a change and tells everyone who could see it before or can see it now. */
  async publishUpdate(companyId: number, ticketId: number, before?: Ticket): Promise<Ticket> {
    const ticket = await this.findForCompany(companyId, ticketId);
    if (!ticket) throw notFound('Ticket');
    this.events.publish('ticket.updated', { companyId, ticket, ...(before && { previous: audienceOf(before) }) });
    return ticket;
  }

  async publishCreated(companyId: number, ticketId: number): Promise<Ticket> {
    const ticket = await this.findForCompany(companyId, ticketId);
    if (!ticket) throw notFound('Ticket');
    this.events.publish('ticket.created', { companyId, ticket });
    return ticket;
  }

  /**
   * An agent starts a conversation (from a contact card, or a number typed in): the contact is found
   * or created by number, and its live ticket on that connection is returned or opened for the agent.
   */
  async start(
    auth: AuthContext,
    input: { connectionId: number; phone: string; name?: string },
  ): Promise<{ ticket: Ticket; created: boolean }> {
    const digits = input.phone.replace(/\D/g, '');
    const result = await this.repo.startConversation(
      auth.companyId,
      auth.userId,
      input.connectionId,
      digits,
      input.name?.trim() || `+${digits}`,
    );
    if (!result) throw invalid({ connectionId: 'no such connection' });
    const ticket = result.created ? await this.publishCreated(auth.companyId, result.ticketId) : await this.get(auth, result.ticketId);
    return { ticket, created: result.created };
  }

  async findForCompany(companyId: number, ticketId: number): Promise<Ticket | undefined> {
    const row = await this.repo.find(companyId, ticketId);
    return row ? toTicketDto(row) : undefined;
  }
}
