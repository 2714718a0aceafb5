import type pg from 'pg';
import type { MentionableUser, Message } from '@jimmy/contracts';
import { forbidden, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { commit, done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import type { OutboundMessages } from '../messages/index.js';
import { audienceOf, type TicketsService } from '../tickets/index.js';
import type { NotesRepository } from './notes.repository.js';
import type { NoteWriter } from './notes.writer.js';

const isAdmin = (auth: AuthContext) => auth.role === 'admin' || auth.role === 'super_admin';

/**
 * Private notes: written by whoever may work the ticket, changed only by their author, deleted by
 * their author or an admin (with an audit entry, without the text). Never sent to any channel.
 */
export class NotesService {
  constructor(
    private readonly deps: {
      pool: pg.Pool;
      events: EventBus;
      jobs: Pick<Jobs, 'nudge'>;
      repo: NotesRepository;
      writer: NoteWriter;
      tickets: TicketsService;
      messages: Pick<OutboundMessages, 'eventFor'>;
    },
  ) {}

  add(auth: AuthContext, ticketId: number, body: string): Promise<Message> {
    return commit(this.deps, async (client) => {
      const ticket = await this.deps.tickets.get(auth, ticketId, client);
      return this.deps.writer.addIn(client, auth.companyId, ticket, { id: auth.userId, name: auth.user.name }, body);
    });
  }

  /** Newly mentioned users are told; those already mentioned are not told twice. */
  edit(auth: AuthContext, ticketId: number, noteId: number, body: string): Promise<Message> {
    return commit(this.deps, async (client) => {
      const ticket = await this.deps.tickets.get(auth, ticketId, client);
      const repo = this.deps.repo.with(client);
      const note = await repo.find(auth.companyId, ticketId, noteId);
      if (!note) throw notFound('Note');
      if (Number(note.user_id) !== auth.userId) throw forbidden('Only the author may edit a note');
      const mentions = await this.deps.writer.mentionsIn(client, auth.companyId, body, auth.userId);
      await repo.update(auth.companyId, noteId, body, mentions);
      const before = new Set((note.payload?.mentions ?? []).map(Number));
      const fresh = mentions.filter((id) => !before.has(id));
      const notified = await this.deps.writer.notifyIn(client, auth.companyId, fresh, {
        ticketId,
        messageId: noteId,
        actorUserId: auth.userId,
      });
      const updated = await this.deps.messages.eventFor(client, auth.companyId, noteId, 'message.updated', ticket);
      if (!updated) throw notFound('Note');
      return done(updated.message, [updated.event, ...notified]);
    });
  }

  remove(auth: AuthContext, ticketId: number, noteId: number): Promise<void> {
    return commit(this.deps, async (client) => {
      const ticket = await this.deps.tickets.get(auth, ticketId, client);
      const repo = this.deps.repo.with(client);
      const note = await repo.find(auth.companyId, ticketId, noteId);
      if (!note) throw notFound('Note');
      const own = Number(note.user_id) === auth.userId;
      if (!own && !isAdmin(auth)) throw forbidden('Only the author or an admin may delete a note');
      if (!own) {
        // Who removed whose note, and how long it was; the text itself is gone for good.
        await repo.audit(auth.companyId, auth.userId, 'note.deleted', 'message', noteId, {
          ticketId,
          authorUserId: note.user_id === null ? null : Number(note.user_id),
          length: note.body.length,
        });
      }
      await repo.delete(auth.companyId, noteId);
      return done(undefined, [
        {
          event: 'message.deleted',
          payload: { companyId: auth.companyId, ticket: { id: ticket.id, ...audienceOf(ticket) }, messageId: noteId },
        },
      ]);
    });
  }

  async mentionable(auth: AuthContext): Promise<MentionableUser[]> {
    return this.deps.repo.activeUsers(auth.companyId);
  }

  /** The notes of the contact's tickets the caller may see (the tickets list is already filtered). */
  notesOfTickets(auth: AuthContext, ticketIds: number[]) {
    return this.deps.repo.ofTickets(auth.companyId, ticketIds);
  }
}
