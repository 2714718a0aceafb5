import { randomUUID } from 'node:crypto';
import type { Message, MessageStatus, Ticket } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import type { PendingEvent } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { done, type Done } from '../../infra/unit-of-work.js';
import { audienceOf, type SystemNotes, type TicketLookup } from '../tickets/index.js';
import { previewOf, toMessageDto } from './messages.mapper.js';
import type { MessagesRepository } from './messages.repository.js';

export interface OutboundInput {
  author: 'agent' | 'bot' | 'system';
  userId: number | null;
  type: string;
  body: string;
  payload: Record<string, unknown> | null;
  quotedMessageId?: number | null;
  media?: { path: string; mime: string; name: string; size: number };
  status: MessageStatus;
  send: boolean;
  /** Not a conversation line of its own (reactions): no ticket preview, no announcement. */
  silent?: boolean;
}

/**
 * Writes our side of a conversation inside the caller's transaction: the message row, the ticket's
 * preview and the send job commit together, and the events are returned for after the commit.
 * Needs no TicketsService, so tickets can write their system notes through it.
 */
export class OutboundMessages implements SystemNotes {
  constructor(
    private readonly repo: MessagesRepository,
    private readonly jobs: Pick<Jobs, 'send'>,
    private readonly tickets: TicketLookup,
    /** SAAS=on: counts messages that go out towards the plan's monthly limit (modules/plan-limits). */
    private readonly usage?: { countIn(q: Queryable, companyId: number, direction: 'out', n?: number): Promise<void> },
  ) {}

  /** Only the ticket's id is used: a caller holding the ticket's lock need not read it first. */
  async insertIn(q: Queryable, companyId: number, ticket: Pick<Ticket, 'id'>, input: OutboundInput): Promise<Done<Message>> {
    const repo = this.repo.with(q);
    const messageId = await repo.insertOutbound({
      ticketId: ticket.id,
      author: input.author,
      userId: input.userId,
      type: input.type,
      body: input.body,
      payload: input.payload,
      ...(input.media && { media: input.media }),
      quotedMessageId: input.quotedMessageId ?? null,
      clientRef: input.send ? randomUUID() : null,
      status: input.status,
    });
    // In the message's own transaction: the count exists if and only if the message does. Reactions are not messages.
    if (input.send && input.type !== 'reaction') await this.usage?.countIn(q, companyId, 'out');
    const conversationLine = input.type !== 'system' && !input.silent;
    if (conversationLine) await repo.bumpTicketForOutbound(ticket.id, previewOf(input.body, input.media?.name), input.type, input.author);
    // Older messages first: a bot's greeting and its menu are written in one transaction, and
    // without an order pg-boss could hand the menu to the worker first. (Modulo keeps it in int4.)
    if (input.send)
      await this.jobs.send('messages.send', { messageId, ticketId: ticket.id }, { within: q, priority: -(messageId % 1_000_000_000) });
    const wake = input.send ? (['messages.send'] as const) : [];
    if (input.silent) return done(toMessageDto((await repo.find(companyId, messageId))!), [], [...wake]);
    const events: PendingEvent[] = [];
    const updated = conversationLine ? await this.tickets.updated(q, companyId, ticket.id) : undefined;
    if (updated) events.push(updated.event);
    // The ticket just read in this transaction is the message's: no need to read it a second time.
    const created = await this.eventFor(q, companyId, messageId, 'message.created', updated?.ticket);
    if (created) events.push(created.event);
    return done(created!.message, events, [...wake]);
  }

  async addIn(
    q: Queryable,
    companyId: number,
    ticket: Ticket,
    userId: number,
    event: { event: 'transferred' | 'reopened' | 'closed'; queueId?: number | null; userId?: number | null; note?: string },
  ): Promise<PendingEvent[]> {
    const { events } = await this.insertIn(q, companyId, ticket, {
      author: 'system',
      userId,
      type: 'system',
      body: event.note ?? '',
      payload: event,
      status: 'sent',
      send: false,
    });
    return events;
  }

  /** The message as it is now and the event telling whoever can see its ticket. */
  async eventFor(
    q: Queryable,
    companyId: number | undefined,
    messageId: number,
    event: 'message.created' | 'message.updated',
    knownTicket?: Ticket,
  ): Promise<{ message: Message; event: PendingEvent } | undefined> {
    const row = await this.repo.with(q).findById(messageId);
    if (!row || (companyId !== undefined && Number(row.company_id) !== companyId)) return undefined;
    const owner = Number(row.company_id);
    const ticket = knownTicket?.id === Number(row.ticket_id) ? knownTicket : await this.tickets.find(q, owner, Number(row.ticket_id));
    if (!ticket) return undefined;
    const message = toMessageDto(row);
    return { message, event: { event, payload: { companyId: owner, ticket: { id: ticket.id, ...audienceOf(ticket) }, message } } };
  }
}
