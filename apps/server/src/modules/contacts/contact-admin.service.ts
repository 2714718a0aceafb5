import type pg from 'pg';
import type { Queryable } from '../../infra/db/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { commit, done } from '../../infra/unit-of-work.js';
import { recordAudit } from '../audit/index.js';
import type { AuthContext } from '../auth/index.js';
import { recordTicketEvent, type TicketLookup } from '../tickets/index.js';
import { assertDifferent, conflictingLiveTickets, mergePreview, moveContactRows } from './merge.js';

export interface ContactAdminDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Pick<Jobs, 'nudge'>;
  lookup: TicketLookup;
}

type Actor = Pick<AuthContext, 'companyId' | 'userId'>;

/** Locks the contact row for the rest of the transaction; 404 for another company's id. */
export async function lockContact(q: Queryable, companyId: number, contactId: number) {
  const { rows } = await q.query<{ id: number; name: string; custom_fields: Record<string, string>; blocked_at: Date | null }>(
    'select id, name, custom_fields, blocked_at from contacts where company_id = $1 and id = $2 for update',
    [companyId, contactId],
  );
  if (!rows[0]) throw notFound('Contact');
  return rows[0];
}

export class ContactAdminService {
  constructor(private readonly deps: ContactAdminDeps) {}

  /**
   * Closes live tickets for a reason other than an agent finishing them (block, merge). Visibility is
   * not checked: the caller acts on the contact, and its tickets follow.
   */
  async closeLive(q: Queryable, actor: Actor, ticketIds: number[], data: Record<string, unknown>): Promise<PendingEvent[]> {
    const events: PendingEvent[] = [];
    for (const ticketId of ticketIds) {
      const before = await this.deps.lookup.find(q, actor.companyId, ticketId);
      if (!before || before.status === 'closed') continue;
      await q.query(
        `update tickets set status = 'closed', closed_at = now(), unread_count = 0, callback = null, updated_at = now() where id = $1`,
        [ticketId],
      );
      await q.query(
        `update callback_requests set status = 'done', done_at = now(), updated_at = now()
          where ticket_id = $1 and status in ('offered', 'requested', 'surfaced')`,
        [ticketId],
      );
      await recordTicketEvent(q, { companyId: actor.companyId, ticketId, kind: 'closed', actorUserId: actor.userId, data });
      events.push((await this.deps.lookup.updated(q, actor.companyId, ticketId, before)).event);
    }
    return events;
  }

  /** Blocking also closes the contact's live tickets: nobody should keep answering someone blocked. */
  block(actor: Actor, contactId: number): Promise<void> {
    return commit(this.deps, async (q) => {
      const contact = await lockContact(q, actor.companyId, contactId);
      if (contact.blocked_at) return done(undefined);
      await q.query('update contacts set blocked_at = now(), updated_at = now() where id = $1', [contactId]);
      const { rows } = await q.query<{ id: number }>(`select id from tickets where contact_id = $1 and status <> 'closed'`, [contactId]);
      const events = await this.closeLive(
        q,
        actor,
        rows.map((r) => r.id),
        { reason: 'contact-blocked' },
      );
      await recordAudit(q, { ...this.auditBase(actor), action: 'contact.blocked', targetType: 'contact', targetId: contactId });
      return done(undefined, events);
    });
  }

  unblock(actor: Actor, contactId: number): Promise<void> {
    return commit(this.deps, async (q) => {
      const contact = await lockContact(q, actor.companyId, contactId);
      if (!contact.blocked_at) return done(undefined);
      await q.query('update contacts set blocked_at = null, updated_at = now() where id = $1', [contactId]);
      await recordAudit(q, { ...this.auditBase(actor), action: 'contact.unblocked', targetType: 'contact', targetId: contactId });
      return done(undefined);
    });
  }

  async mergePreview(actor: Actor, keepId: number, otherId: number) {
    const { rows } = await this.deps.pool.query<{ id: number }>(
      'select id from contacts where company_id = $1 and id = any($2::bigint[])',
      [actor.companyId, [keepId, otherId]],
    );
    if (!rows.some((r) => r.id === keepId)) throw notFound('Contact');
    if (!rows.some((r) => r.id === otherId)) throw invalid({ otherContactId: 'no such contact' });
    assertDifferent(keepId, otherId);
    return mergePreview(this.deps.pool, actor.companyId, keepId, otherId);
  }

  /** The other contact's tickets, messages, notes, tags, channels, schedules and surveys move here; then it is deleted. */
  merge(actor: Actor, keepId: number, otherId: number): Promise<void> {
    return commit(this.deps, async (q) => {
      // Both rows locked in one statement, in id order, so two merges of the same pair cannot deadlock.
      const { rows } = await q.query<{ id: number; name: string }>(
        'select id, name from contacts where company_id = $1 and id = any($2::bigint[]) order by id for update',
        [actor.companyId, [keepId, otherId]],
      );
      if (!rows.some((r) => r.id === keepId)) throw notFound('Contact');
      assertDifferent(keepId, otherId);
      const other = rows.find((r) => r.id === otherId);
      if (!other) throw invalid({ otherContactId: 'no such contact' });
      const closing = await conflictingLiveTickets(q, actor.companyId, keepId, otherId);
      const events = await this.closeLive(q, actor, closing, { reason: 'contacts-merged', intoContactId: keepId });
      const { movedTicketIds } = await moveContactRows(q, actor.companyId, keepId, otherId);
      for (const ticketId of movedTicketIds) {
        if (closing.includes(ticketId)) continue;
        events.push((await this.deps.lookup.updated(q, actor.companyId, ticketId)).event);
      }
      await recordAudit(q, {
        ...this.auditBase(actor),
        action: 'contact.merged',
        targetType: 'contact',
        targetId: keepId,
        data: { otherContactId: otherId, otherName: other.name, movedTicketIds, closedTicketIds: closing },
      });
      return done(undefined, events);
    });
  }

  private auditBase(actor: Actor) {
    return { companyId: actor.companyId, actorUserId: actor.userId };
  }
}
