import type { Message, Ticket } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { notFound } from '../../infra/errors.js';
import type { PendingEvent } from '../../infra/events.js';
import { done, type Done } from '../../infra/unit-of-work.js';
import type { OutboundMessages } from '../messages/index.js';
import type { PrivateNotes } from '../tickets/index.js';
import { findMentions } from './mentions.js';
import type { NotesRepository } from './notes.repository.js';
import type { NotificationsRepository } from './notifications.repository.js';

/**
 * Writes notes and their mentions inside the caller's transaction. Needs no TicketsService, so a
 * transfer (inside the tickets module) writes its note through it; access checks are the caller's.
 */
export class NoteWriter implements PrivateNotes {
  constructor(
    private readonly repo: NotesRepository,
    private readonly notifications: NotificationsRepository,
    private readonly messages: Pick<OutboundMessages, 'eventFor'>,
  ) {}

  /** Active users named after an `@` in the text, never the author. */
  async mentionsIn(q: Queryable, companyId: number, body: string, authorId: number): Promise<number[]> {
    const users = await this.repo.with(q).activeUsers(companyId);
    return findMentions(body, users).filter((id) => id !== authorId);
  }

  async addIn(q: Queryable, companyId: number, ticket: Ticket, author: { id: number; name: string }, body: string): Promise<Done<Message>> {
    const mentions = await this.mentionsIn(q, companyId, body, author.id);
    const noteId = await this.repo.with(q).insert(companyId, ticket.id, author.id, body, mentions);
    if (noteId === undefined) throw notFound('Ticket');
    const created = await this.messages.eventFor(q, companyId, noteId, 'message.created', ticket);
    if (!created) throw notFound('Ticket');
    const notified = await this.notifyIn(q, companyId, mentions, { ticketId: ticket.id, messageId: noteId, actorUserId: author.id });
    return done(created.message, [created.event, ...notified]);
  }

  /**
   * A note whose text a machine wrote (an AI summary): no mention parsing, so text the model
   * produced from customer messages can never notify anyone.
   */
  async addUnmentionedIn(
    q: Queryable,
    companyId: number,
    ticket: Ticket,
    authorId: number,
    body: string,
    extra: Record<string, unknown>,
  ): Promise<Done<Message>> {
    const noteId = await this.repo.with(q).insert(companyId, ticket.id, authorId, body, [], extra);
    if (noteId === undefined) throw notFound('Ticket');
    const created = await this.messages.eventFor(q, companyId, noteId, 'message.created', ticket);
    if (!created) throw notFound('Ticket');
    return done(created.message, [created.event]);
  }

  /** One notification per mentioned user, each told on their own socket only. */
  async notifyIn(
    q: Queryable,
    companyId: number,
    userIds: number[],
    ref: { ticketId: number; messageId: number; actorUserId: number },
  ): Promise<PendingEvent[]> {
    const added = await this.notifications.with(q).addMentions(companyId, userIds, ref);
    return added.map(({ userId, notification }) => ({ event: 'notification.created', payload: { companyId, userId, notification } }));
  }
}
