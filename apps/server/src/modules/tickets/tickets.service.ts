import type pg from 'pg';
import type { Ticket, TicketEvent, TicketListQuery } from '@jimmy/contracts';
import { isUniqueViolation, type Queryable } from '../../infra/db/index.js';
import { conflict, DomainError, invalid, notFound } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import type { QueuesService } from '../queues/index.js';
import { audienceOf } from './audience.js';
import { encodeCursor, toTicketDto, type TicketRow } from './tickets.mapper.js';
import type { TicketLookup } from './tickets.lookup.js';
import type { TicketsRepository } from './tickets.repository.js';
import { recordTicketEvent, ticketEventsOf } from './ticket-events.js';
import { canSeeTicket, isAdmin, isManager, type Viewer } from './visibility.js';
import { mentionGrantsRead } from './mention-access.js';
import { companySettingsOf } from '../companies/index.js';
import { endFlowSessionIn } from './flow-takeover.js';

const isLiveTicketConflict = (error: unknown) => isUniqueViolation(error, 'tickets_one_live_per_contact');

/**
 * Writes a system line in the conversation (transfers, reopenings; never sent to the customer) in
 * the caller's transaction. Message rows belong to the messages module, which implements this.
 */
export interface SystemNotes {
  addIn(
    q: Queryable,
    companyId: number,
    ticket: Ticket,
    userId: number,
    event: { event: 'transferred' | 'reopened' | 'closed'; queueId?: number | null; userId?: number | null; note?: string },
  ): Promise<PendingEvent[]>;
}

export interface TicketsServiceDeps {
  pool: pg.Pool;
  repo: TicketsRepository;
  lookup: TicketLookup;
  queues: QueuesService;
  events: EventBus;
  jobs: Pick<Jobs, 'nudge'>;
  notes: SystemNotes;
  /** Without it a transfer's note stays on the system line (as before notes existed). */
  privateNotes?: PrivateNotes;
  /** Tells the provider the customer's messages were read (a job: the provider may be slow or down). */
  notifyRead: (ticketId: number) => Promise<unknown>;
}

type TransferInput = { queueId?: number | null; userId?: number | null; note?: string };

/** Writes a private note in the caller's transaction (the notes module implements it): a transfer's note is one. */
export interface PrivateNotes {
  addIn(q: Queryable, companyId: number, ticket: Ticket, author: { id: number; name: string }, body: string): Promise<Done<unknown>>;
}

/**
 * Ticket use cases. Each state change has an `…In` variant that runs inside the caller's
 * transaction and returns the events to publish after its commit; the public method wraps it in a
 * transaction of its own.
 */
export class TicketsService {
  private readonly repo: TicketsRepository;
  private readonly queues: QueuesService;

  constructor(private readonly deps: TicketsServiceDeps) {
    this.repo = deps.repo;
    this.queues = deps.queues;
  }

  private commit<T>(work: (client: pg.PoolClient) => Promise<Done<T>>): Promise<T> {
    return commit(this.deps, work);
  }

  async viewer(auth: Pick<AuthContext, 'companyId' | 'userId' | 'role'>, q: Queryable = this.deps.pool): Promise<Viewer> {
    const base = { companyId: auth.companyId, userId: auth.userId, role: auth.role };
    if (isAdmin(auth.role)) return { ...base, queueIds: [], unqueuedVisible: true };
    const queueIds = await this.queues.queueIdsOf(auth.companyId, auth.userId, q);
    const settings = await companySettingsOf(q, auth.companyId);
    return { ...base, queueIds, unqueuedVisible: settings.routing.unqueuedVisibleToAgents };
  }

  async list(auth: AuthContext, query: TicketListQuery): Promise<{ items: Ticket[]; nextCursor: string | null }> {
    const rows = await this.repo.list(await this.viewer(auth), query);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toTicketDto), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  /** A ticket the caller may see, or 404 exactly as if it did not exist. */
  async get(auth: AuthContext, ticketId: number, q: Queryable = this.deps.pool): Promise<Ticket> {
    return toTicketDto(await this.visibleRow(auth, ticketId, q));
  }

  /** `get`, or read-only access granted by a mention (mention-access.ts): for reading, never for acting. */
  async readable(auth: AuthContext, ticketId: number, q: Queryable = this.deps.pool): Promise<Ticket> {
    try {
      return await this.get(auth, ticketId, q);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 404) throw error;
      if (!(await mentionGrantsRead(q, auth.companyId, auth.userId, ticketId))) throw error;
      const row = await this.repo.with(q).find(auth.companyId, ticketId);
      if (!row) throw error;
      return toTicketDto(row);
    }
  }

  private async visibleRow(auth: AuthContext, ticketId: number, q: Queryable): Promise<TicketRow> {
    const row = await this.repo.with(q).find(auth.companyId, ticketId);
    if (!row) throw notFound('Ticket');
    const viewer = await this.viewer(auth, q);
    if (
      !canSeeTicket(viewer, {
        queueId: row.queue_id === null ? null : Number(row.queue_id),
        userId: row.user_id === null ? null : Number(row.user_id),
        status: row.status,
      })
    ) {
      throw notFound('Ticket');
    }
    return row;
  }

  accept(auth: AuthContext, ticketId: number): Promise<Ticket> {
    return this.commit((client) => this.acceptIn(client, auth, ticketId));
  }

  async acceptIn(q: Queryable, auth: AuthContext, ticketId: number): Promise<Done<Ticket>> {
    const before = await this.get(auth, ticketId, q);
    if (before.status === 'open' && before.userId === auth.userId) return done(before);
    // A manager may take a conversation over from the bot (menu or flow) at any time.
    const takeOver = before.status === 'bot' && isManager(auth.role);
    if (before.status !== 'pending' && !takeOver)
      throw conflict(
        'TICKET_NOT_PENDING',
        before.status === 'open' ? 'Another agent already accepted this ticket' : 'This ticket is closed; reopen it instead',
      );
    const won = await this.repo.with(q).transition(auth.companyId, ticketId, [before.status], {
      status: 'open',
      userId: auth.userId,
      resetUnread: true,
    });
    if (!won) throw conflict('TICKET_NOT_PENDING', 'Another agent already accepted this ticket');
    if (takeOver) await endFlowSessionIn(q, auth.companyId, ticketId, 'takeover');
    await recordTicketEvent(q, {
      companyId: auth.companyId,
      ticketId,
      kind: takeOver ? 'taken-over' : 'accepted',
      actorUserId: auth.userId,
    });
    const { ticket, event } = await this.deps.lookup.updated(q, auth.companyId, ticketId, before);
    return done(ticket, [event]);
  }

  transfer(auth: AuthContext, ticketId: number, input: TransferInput): Promise<Ticket> {
    return this.commit((client) => this.transferIn(client, auth, ticketId, input));
  }

  async transferIn(q: Queryable, auth: AuthContext, ticketId: number, input: TransferInput): Promise<Done<Ticket>> {
    const before = await this.get(auth, ticketId, q);
    if (before.status === 'closed') throw conflict('TICKET_CLOSED', 'Reopen the ticket before transferring it');
    if (input.queueId != null && !(await this.queues.exists(auth.companyId, input.queueId, q))) throw invalid({ queueId: 'no such queue' });
    const repo = this.repo.with(q);
    if (input.userId != null && !(await repo.userIsActiveMember(auth.companyId, input.userId)))
      throw invalid({ userId: 'no such active user' });
    const toUser = input.userId !== undefined ? input.userId : before.userId;
    // Handing a ticket to a queue without an agent puts it back in that queue's waiting list.
    const status = toUser === null ? 'pending' : 'open';
    await repo.transition(auth.companyId, ticketId, ['bot', 'pending', 'open'], {
      status,
      userId: toUser,
      ...(input.queueId !== undefined && { queueId: input.queueId }),
    });
    if (before.status === 'bot') await endFlowSessionIn(q, auth.companyId, ticketId, 'takeover');
    await recordTicketEvent(q, {
      companyId: auth.companyId,
      ticketId,
      kind: 'transferred',
      actorUserId: auth.userId,
      data: {
        fromQueueId: before.queueId,
        toQueueId: input.queueId !== undefined ? input.queueId : before.queueId,
        fromUserId: before.userId,
        toUserId: toUser,
        ...(input.note && { note: input.note }),
      },
    });
    const { ticket: after, event } = await this.deps.lookup.updated(q, auth.companyId, ticketId, before);
    // The transfer's note is a real private note by the transferring agent (it may mention the receiver).
    const privateNotes = this.deps.privateNotes;
    const noteEvents = await this.deps.notes.addIn(q, auth.companyId, after, auth.userId, {
      event: 'transferred',
      queueId: after.queueId,
      userId: after.userId,
      ...(input.note && !privateNotes && { note: input.note }),
    });
    if (input.note && privateNotes) {
      noteEvents.push(
        ...(await privateNotes.addIn(q, auth.companyId, after, { id: auth.userId, name: auth.user.name }, input.note)).events,
      );
    }
    const transferred: PendingEvent = {
      event: 'ticket.transferred',
      payload: {
        companyId: auth.companyId,
        ticket: after,
        from: { id: auth.userId, name: auth.user.name },
        note: input.note || null,
        toUserId: after.userId,
      },
    };
    return done(after, [event, ...noteEvents, transferred]);
  }

  close(auth: AuthContext, ticketId: number): Promise<Ticket> {
    return this.commit((client) => this.closeIn(client, auth, ticketId));
  }

  async closeIn(q: Queryable, auth: AuthContext, ticketId: number): Promise<Done<Ticket>> {
    const before = await this.get(auth, ticketId, q);
    if (before.status === 'closed') return done(before);
    await endFlowSessionIn(q, auth.companyId, ticketId, 'ticket-closed');
    return this.closeRowIn(q, auth.companyId, before, auth.userId);
  }

  /** The service flow's Close node, in the runner's transaction (the flow ends its own session). */
  async closeByBotIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<Ticket> | null> {
    const before = await this.deps.lookup.find(q, companyId, ticketId);
    if (!before || before.status === 'closed') return null;
    return this.closeRowIn(q, companyId, before, null);
  }

  private async closeRowIn(q: Queryable, companyId: number, before: Ticket, actorUserId: number | null): Promise<Done<Ticket>> {
    const ticketId = before.id;
    await this.repo.with(q).transition(companyId, ticketId, ['bot', 'pending', 'open'], {
      status: 'closed',
      closedAt: new Date(),
      resetUnread: true,
      callback: null,
    });
    // A callback the customer asked for is settled by closing the conversation it belongs to.
    await q.query(
      `update callback_requests set status = 'done', done_at = now(), updated_at = now()
        where company_id = $1 and ticket_id = $2 and status in ('offered', 'requested', 'surfaced')`,
      [companyId, ticketId],
    );
    await recordTicketEvent(q, { companyId, ticketId, kind: 'closed', actorUserId });
    const { ticket, event } = await this.deps.lookup.updated(q, companyId, ticketId, before);
    return done(ticket, [event]);
  }

  reopen(auth: AuthContext, ticketId: number): Promise<Ticket> {
    return this.commit((client) => this.reopenIn(client, auth, ticketId));
  }

  /** On a unique violation the caller's transaction is aborted: let the error end it. */
  async reopenIn(q: Queryable, auth: AuthContext, ticketId: number): Promise<Done<Ticket>> {
    const before = await this.get(auth, ticketId, q);
    if (before.status !== 'closed') return done(before);
    try {
      await this.repo.with(q).transition(auth.companyId, ticketId, ['closed'], { status: 'open', userId: auth.userId, closedAt: null });
      await recordTicketEvent(q, { companyId: auth.companyId, ticketId, kind: 'reopened', actorUserId: auth.userId });
    } catch (error) {
      if (isLiveTicketConflict(error)) {
        throw new DomainError('CONTACT_HAS_LIVE_TICKET', 'This contact already has an open conversation on this connection', 409);
      }
      throw error;
    }
    const { ticket, event } = await this.deps.lookup.updated(q, auth.companyId, ticketId, before);
    return done(ticket, [event]);
  }

  async markRead(auth: AuthContext, ticketId: number): Promise<Ticket> {
    const before = await this.get(auth, ticketId);
    if (before.unreadCount === 0) return before;
    await this.repo.markRead(auth.companyId, ticketId);
    await this.deps.notifyRead(ticketId);
    return this.publishUpdate(auth.companyId, ticketId, before);
  }

  async events(auth: AuthContext, ticketId: number): Promise<TicketEvent[]> {
    await this.get(auth, ticketId);
    return ticketEventsOf(this.deps.pool, auth.companyId, ticketId);
  }

  async history(auth: AuthContext, contactId: number): Promise<Ticket[]> {
    const viewer = await this.viewer(auth);
    const rows = await this.repo.historyOf(auth.companyId, contactId);
    return rows.map(toTicketDto).filter((t) => canSeeTicket(viewer, audienceOf(t)));
  }

  /** Re-reads the ticket after a change and tells everyone who could see it before or can see it now. */
  async publishUpdate(companyId: number, ticketId: number, before?: Ticket): Promise<Ticket> {
    const { ticket, event } = await this.deps.lookup.updated(this.deps.pool, companyId, ticketId, before);
    this.deps.events.publishAll([event]);
    return ticket;
  }

  async publishCreated(companyId: number, ticketId: number): Promise<Ticket> {
    const { ticket, event } = await this.deps.lookup.created(this.deps.pool, companyId, ticketId);
    this.deps.events.publishAll([event]);
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

  findForCompany(companyId: number, ticketId: number): Promise<Ticket | undefined> {
    return this.deps.lookup.find(this.deps.pool, companyId, ticketId);
  }
}
