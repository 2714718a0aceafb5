import type pg from 'pg';
import type { CreateTagRequest, Tag, Ticket, UpdateTagRequest } from '@jimmy/contracts';
import { isUniqueViolation, type Queryable } from '../../infra/db/index.js';
import { conflict, notFound } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import { recordTicketEvent, type TicketLookup } from '../tickets/index.js';
import { TagsRepository } from './tags.repository.js';

/** Who put a tag on (or took it off) a ticket: an agent, a rule, the kanban board or the service flow. */
export interface TagActor {
  userId: number | null;
  via: 'console' | 'kanban' | 'rule' | 'flow' | 'api' | 'lead';
  ruleId?: number;
}

/** A ticket the caller may see, or a 404 (the tickets module implements it). */
export interface TicketAccess {
  get(auth: AuthContext, ticketId: number, q?: Queryable): Promise<Ticket>;
}

export interface TagsServiceDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Pick<Jobs, 'nudge'>;
  lookup: TicketLookup;
  tickets: TicketAccess;
}

const isNameTaken = (error: unknown) => isUniqueViolation(error, 'tags_company_name_unique');
const nameTaken = () => conflict('TAG_NAME_TAKEN', 'A tag with this name already exists', { name: 'already in use' });

/**
 * Tags of a company and the tags of its tickets. `addTicketTagIn` / `removeTicketTagIn` run inside
 * a caller's transaction (rules in the inbound runner, the kanban move, the service flow) and are
 * idempotent: adding a tag twice changes nothing and records nothing.
 */
export class TagsService {
  readonly repo: TagsRepository;

  constructor(private readonly deps: TagsServiceDeps) {
    this.repo = new TagsRepository(deps.pool);
  }

  private commit<T>(work: (client: pg.PoolClient) => Promise<Done<T>>): Promise<T> {
    return commit(this.deps, work);
  }

  list(companyId: number): Promise<Tag[]> {
    return this.repo.list(companyId);
  }

  async create(auth: AuthContext, input: CreateTagRequest): Promise<Tag> {
    try {
      const tag = await this.repo.insert(auth.companyId, input.name, input.color);
      this.deps.events.publish('tags.changed', { companyId: auth.companyId });
      return tag;
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken();
      throw error;
    }
  }

  /** A rename or a new colour reaches every screen showing a ticket with the tag. */
  async update(auth: AuthContext, tagId: number, input: UpdateTagRequest): Promise<Tag> {
    return this.commit(async (client) => {
      const repo = this.repo.with(client);
      let tag: Tag | undefined;
      await client.query('savepoint tag_update');
      try {
        tag = await repo.update(auth.companyId, tagId, input);
        await client.query('release savepoint tag_update');
      } catch (error) {
        await client.query('rollback to savepoint tag_update');
        if (isNameTaken(error)) throw nameTaken();
        throw error;
      }
      if (!tag) throw notFound('Tag');
      const events = await this.ticketEvents(client, auth.companyId, await repo.liveTicketsWith(auth.companyId, tagId));
      return done(tag, [...events, { event: 'tags.changed', payload: { companyId: auth.companyId } }]);
    });
  }

  async remove(auth: AuthContext, tagId: number): Promise<void> {
    await this.commit(async (client) => {
      const repo = this.repo.with(client);
      const ticketIds = await repo.liveTicketsWith(auth.companyId, tagId);
      if (!(await repo.delete(auth.companyId, tagId))) throw notFound('Tag');
      const events = await this.ticketEvents(client, auth.companyId, ticketIds);
      return done(undefined, [...events, { event: 'tags.changed', payload: { companyId: auth.companyId } }]);
    });
  }

  /** Tags a ticket the caller may see; answers the ticket as it is now. */
  tagTicket(auth: AuthContext, ticketId: number, tagId: number): Promise<Ticket> {
    return this.commit(async (client) => {
      await this.deps.tickets.get(auth, ticketId, client);
      const added = await this.addTicketTagIn(client, auth.companyId, ticketId, tagId, { userId: auth.userId, via: 'console' });
      return done((await this.deps.lookup.find(client, auth.companyId, ticketId))!, added.events);
    });
  }

  untagTicket(auth: AuthContext, ticketId: number, tagId: number): Promise<Ticket> {
    return this.commit(async (client) => {
      await this.deps.tickets.get(auth, ticketId, client);
      const removed = await this.removeTicketTagIn(client, auth.companyId, ticketId, tagId, { userId: auth.userId, via: 'console' });
      return done((await this.deps.lookup.find(client, auth.companyId, ticketId))!, removed.events);
    });
  }

  /**
   * Adds a tag to a ticket inside the caller's transaction. The ticket must be the company's (the
   * caller checked who may act on it); a tag of another company is a 404. Value: whether it changed.
   */
  async addTicketTagIn(q: Queryable, companyId: number, ticketId: number, tagId: number, actor: TagActor): Promise<Done<boolean>> {
    const repo = this.repo.with(q);
    const tag = await repo.find(companyId, tagId);
    if (!tag) throw notFound('Tag');
    if (!(await repo.addToTicket(companyId, ticketId, tagId))) return done(false);
    await this.record(q, companyId, ticketId, 'tagged', tag, actor);
    return done(true, [(await this.deps.lookup.updated(q, companyId, ticketId)).event]);
  }

  async removeTicketTagIn(q: Queryable, companyId: number, ticketId: number, tagId: number, actor: TagActor): Promise<Done<boolean>> {
    const repo = this.repo.with(q);
    const tag = await repo.find(companyId, tagId);
    if (!tag) throw notFound('Tag');
    if (!(await repo.removeFromTicket(companyId, ticketId, tagId))) return done(false);
    await this.record(q, companyId, ticketId, 'untagged', tag, actor);
    return done(true, [(await this.deps.lookup.updated(q, companyId, ticketId)).event]);
  }

  /** The ticket as it is now, read through the caller's transaction. */
  ticketAfter(q: Queryable, companyId: number, ticketId: number): Promise<Ticket | undefined> {
    return this.deps.lookup.find(q, companyId, ticketId);
  }

  private async record(q: Queryable, companyId: number, ticketId: number, kind: 'tagged' | 'untagged', tag: Tag, actor: TagActor) {
    await recordTicketEvent(q, {
      companyId,
      ticketId,
      kind,
      actorUserId: actor.userId,
      data: {
        tagId: tag.id,
        tagName: tag.name,
        tagColor: tag.color,
        via: actor.via,
        ...(actor.ruleId !== undefined && { ruleId: actor.ruleId }),
      },
    });
  }

  private async ticketEvents(q: Queryable, companyId: number, ticketIds: number[]): Promise<PendingEvent[]> {
    const events: PendingEvent[] = [];
    for (const ticketId of ticketIds) {
      const ticket = await this.deps.lookup.find(q, companyId, ticketId);
      if (ticket) events.push({ event: 'ticket.updated', payload: { companyId, ticket } });
    }
    return events;
  }
}
