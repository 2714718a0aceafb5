import type pg from 'pg';
import type { KanbanBoard, KanbanLane, KanbanLanesRequest, Tag, Ticket } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { conflict, invalid } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Jobs, JobName } from '../../infra/jobs.js';
import { commit, done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import type { OutboundMessages } from '../messages/index.js';
import type { Viewer } from '../tickets/index.js';
import { boardCards, CARDS_PER_LANE } from './kanban.repository.js';
import type { TagsService, TicketAccess } from './tags.service.js';

export interface KanbanServiceDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Pick<Jobs, 'nudge'>;
  tags: TagsService;
  tickets: TicketAccess & { viewer(auth: AuthContext, q?: Queryable): Promise<Viewer> };
  outbound: Pick<OutboundMessages, 'insertIn'>;
}

/**
 * The kanban board: some tags are lanes (admins choose which, in which order, with an optional
 * message), and pending and open tickets are cards in the lane of the lane tag they carry.
 */
export class KanbanService {
  constructor(private readonly deps: KanbanServiceDeps) {}

  async lanes(companyId: number, q: Queryable = this.deps.pool): Promise<Tag[]> {
    const tags = await this.deps.tags.repo.with(q).list(companyId);
    return tags.filter((tag) => tag.lanePosition !== null).sort((a, b) => a.lanePosition! - b.lanePosition!);
  }

  async board(auth: AuthContext): Promise<KanbanBoard> {
    const viewer = await this.deps.tickets.viewer(auth);
    const lanes = await this.lanes(auth.companyId);
    const cards = await boardCards(this.deps.pool, viewer);
    const board: KanbanLane[] = [null, ...lanes].map((tag) => {
      const all = cards.filter((c) => c.laneTagId === (tag?.id ?? null)).map((c) => c.card);
      return { tag, cards: all.slice(0, CARDS_PER_LANE), truncated: all.length > CARDS_PER_LANE };
    });
    return { lanes: board };
  }

  async setLanes(auth: AuthContext, lanes: KanbanLanesRequest): Promise<Tag[]> {
    const ids = lanes.map((lane) => lane.tagId);
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (repeated >= 0) throw invalid({ [`${repeated}.tagId`]: 'this tag is listed twice' });
    return commit(this.deps, async (client) => {
      const repo = this.deps.tags.repo.with(client);
      const known = new Set((await repo.list(auth.companyId)).map((tag) => tag.id));
      const unknown = ids.findIndex((id) => !known.has(id));
      if (unknown >= 0) throw invalid({ [`${unknown}.tagId`]: 'no such tag' });
      await repo.setLanes(
        auth.companyId,
        lanes.map((lane) => ({ tagId: lane.tagId, message: lane.message?.trim() || null })),
      );
      return done(await this.lanes(auth.companyId, client), [{ event: 'tags.changed', payload: { companyId: auth.companyId } }]);
    });
  }

  /**
   * Moves a card: the ticket loses its other lane tags and gains `tagId` (null: back to "Em aberto")
   * in one transaction. The lane's message goes to the customer the first time this ticket enters
   * this lane, ever (lane_messages_sent), through the durable send path.
   */
  async move(auth: AuthContext, ticketId: number, tagId: number | null): Promise<Ticket> {
    return commit(this.deps, async (client) => {
      const before = await this.deps.tickets.get(auth, ticketId, client);
      if (before.status !== 'pending' && before.status !== 'open') {
        throw conflict('TICKET_NOT_ON_BOARD', 'Only pending and open tickets are on the board');
      }
      const repo = this.deps.tags.repo.with(client);
      const target = tagId === null ? null : await repo.find(auth.companyId, tagId);
      if (tagId !== null && !target) throw invalid({ tagId: 'no such tag' });
      if (target && target.lanePosition === null) throw invalid({ tagId: 'this tag is not a lane of the board' });
      const actor = { userId: auth.userId, via: 'kanban' as const };
      const events: PendingEvent[] = [];
      const wake: JobName[] = [];
      for (const other of await repo.laneTagsOf(auth.companyId, ticketId, tagId)) {
        events.push(...(await this.deps.tags.removeTicketTagIn(client, auth.companyId, ticketId, other.id, actor)).events);
      }
      if (target) {
        events.push(...(await this.deps.tags.addTicketTagIn(client, auth.companyId, ticketId, target.id, actor)).events);
        const message = target.laneMessage?.trim();
        if (message && (await repo.claimLaneMessage(auth.companyId, ticketId, target.id))) {
          const sent = await this.deps.outbound.insertIn(client, auth.companyId, before, {
            author: 'bot',
            userId: null,
            type: 'text',
            body: message,
            payload: { laneTagId: target.id },
            status: 'pending',
            send: true,
          });
          await repo.recordLaneMessage(ticketId, target.id, sent.value.id);
          events.push(...sent.events);
          wake.push(...sent.wake);
        }
      }
      // Only the last ticket.updated matters: it carries the ticket after every change.
      const ticketEvents = events.filter((e) => e.event === 'ticket.updated');
      const last = ticketEvents[ticketEvents.length - 1];
      const others = events.filter((e) => e.event !== 'ticket.updated');
      const after = (await this.deps.tags.ticketAfter(client, auth.companyId, ticketId)) ?? before;
      return done(
        after,
        last ? [{ event: 'ticket.updated', payload: { companyId: auth.companyId, ticket: after } }, ...others] : others,
        wake,
      );
    });
  }
}
