import type pg from 'pg';
import { scheduleSchema } from '@jimmy/routing';
import type { Queue, UpsertQueueRequest } from '@jimmy/contracts';
import { isUniqueViolation, withTransaction, type Queryable } from '../../infra/db/index.js';
import { conflict, invalid, notFound } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import { done, type Done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import { QueuesRepository, type QueueRow } from './queues.repository.js';

/** A stored override that no longer validates counts as none (the company's hours apply). */
function parseStoredSchedule(stored: unknown): Queue['schedule'] {
  if (stored === null || stored === undefined) return null;
  const parsed = scheduleSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

const toQueue = (row: QueueRow): Queue => ({ ...row, schedule: parseStoredSchedule(row.schedule) });

const isNameTaken = (error: unknown) => isUniqueViolation(error, 'queues_company_name_unique');

/** Names a repeated id, or null when every id appears once. */
function firstDuplicate(ids: readonly number[]): number | null {
  const seen = new Set<number>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return null;
}

/** Departments that tickets are routed to; an agent sees the tickets of the queues they belong to. */
export class QueuesService {
  private readonly repo: QueuesRepository;

  constructor(
    private readonly pool: pg.Pool,
    private readonly events: EventBus,
  ) {
    this.repo = new QueuesRepository(pool);
  }

  async list(companyId: number, q: Queryable = this.pool): Promise<Queue[]> {
    return (await this.repo.with(q).list(companyId)).map(toQueue);
  }

  /** `q`: the caller's transaction, when it holds one (the embedded pool has a single connection). */
  async queueIdsOf(companyId: number, userId: number, q: Queryable = this.pool): Promise<number[]> {
    return this.repo.with(q).queueIdsOfUser(companyId, userId);
  }

  async exists(companyId: number, queueId: number, q: Queryable = this.pool): Promise<boolean> {
    return (await this.repo.with(q).existing(companyId, [queueId])).length === 1;
  }

  async create(actor: AuthContext, input: UpsertQueueRequest): Promise<Queue> {
    return this.commit((client) => this.saveIn(client, actor.companyId, undefined, input));
  }

  async update(actor: AuthContext, queueId: number, input: UpsertQueueRequest): Promise<Queue> {
    return this.commit((client) => this.saveIn(client, actor.companyId, queueId, input));
  }

  async remove(actor: AuthContext, queueId: number): Promise<void> {
    await this.commit((client) => this.removeIn(client, actor.companyId, queueId));
  }

  /** `ids` must name every queue of the company exactly once: a partial list would leave positions ambiguous. */
  async reorder(actor: AuthContext, ids: readonly number[]): Promise<Queue[]> {
    return this.commit(async (client) => {
      const repo = this.repo.with(client);
      const all = await repo.allIds(actor.companyId);
      const duplicate = firstDuplicate(ids);
      if (duplicate !== null) throw invalid({ ids: `queue ${duplicate} is listed twice` });
      const missing = all.filter((id) => !ids.includes(id));
      const unknown = ids.filter((id) => !all.includes(id));
      if (unknown.length > 0) throw invalid({ ids: `no such queue: ${unknown.join(', ')}` });
      if (missing.length > 0) throw invalid({ ids: `every queue must be listed; missing ${missing.join(', ')}` });
      await repo.reorder(actor.companyId, ids);
      return done((await repo.list(actor.companyId)).map(toQueue));
    });
  }

  /** A connection's queues in menu order, for each of `connectionIds`. */
  async menusOf(companyId: number, connectionIds: readonly number[], q: Queryable = this.pool): Promise<Map<number, number[]>> {
    return this.repo.with(q).menusOf(companyId, connectionIds);
  }

  /**
   * Replaces a connection's menu (one queue: straight to it; several: the customer picks).
   * `field` names the request field in validation errors. The connection is the caller's to check.
   */
  async setMenuIn(q: Queryable, companyId: number, connectionId: number, queueIds: readonly number[], field = 'queueIds'): Promise<void> {
    const duplicate = firstDuplicate(queueIds);
    if (duplicate !== null) throw invalid({ [field]: `queue ${duplicate} is listed twice` });
    const repo = this.repo.with(q);
    const found = await repo.existing(companyId, queueIds);
    const unknown = queueIds.filter((id) => !found.includes(id));
    if (unknown.length > 0) throw invalid({ [field]: `no such queue: ${unknown.join(', ')}` });
    await repo.setMenu(companyId, connectionId, queueIds);
  }

  async saveIn(q: Queryable, companyId: number, queueId: number | undefined, input: UpsertQueueRequest): Promise<Done<Queue>> {
    const repo = this.repo.with(q);
    const userIds = [...new Set(input.userIds)];
    const found = await repo.existingUsers(companyId, userIds);
    if (found.length !== userIds.length) throw invalid({ userIds: 'contains a user that does not exist' });
    const fields = {
      name: input.name,
      color: input.color,
      greeting: input.greeting?.trim() || null,
      assignmentMode: input.assignmentMode,
      schedule: input.schedule ?? null,
    };
    // A savepoint, so a taken name answers 409 and leaves the caller's transaction usable.
    await q.query('savepoint queue_save');
    let id: number;
    try {
      if (queueId === undefined) id = await repo.insert(companyId, fields);
      else if (await repo.update(companyId, queueId, fields)) id = queueId;
      else throw notFound('Queue');
      await q.query('release savepoint queue_save');
    } catch (error) {
      await q.query('rollback to savepoint queue_save');
      if (isNameTaken(error)) throw conflict('QUEUE_NAME_TAKEN', 'A queue with this name already exists', { name: 'already in use' });
      throw error;
    }
    const before = queueId === undefined ? [] : await repo.membersOf(companyId, id);
    await repo.setMembers(companyId, id, userIds);
    const [saved] = await repo.list(companyId, id);
    if (!saved) throw notFound('Queue');
    // Any change (mode, hours, members) may let the assignment give out the queue's waiting tickets.
    const changed: PendingEvent = { event: 'queue.updated', payload: { companyId, queueId: id } };
    return done(toQueue(saved), [...this.membershipEvents(companyId, id, before, userIds), changed]);
  }

  async removeIn(q: Queryable, companyId: number, queueId: number): Promise<Done<void>> {
    const repo = this.repo.with(q);
    const members = await repo.membersOf(companyId, queueId);
    if (!(await repo.delete(companyId, queueId))) throw notFound('Queue');
    return done(undefined, this.membershipEvents(companyId, queueId, members, []));
  }

  /** Open sockets follow the new membership at once, instead of at their next reconnect. */
  private membershipEvents(companyId: number, queueId: number, before: number[], after: number[]): PendingEvent[] {
    const added = after.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !after.includes(id));
    if (added.length === 0 && removed.length === 0) return [];
    return [{ event: 'queue.members.changed', payload: { companyId, queueId, added, removed } }];
  }

  private async commit<T>(work: (client: pg.PoolClient) => Promise<Done<T>>): Promise<T> {
    const outcome = await withTransaction(this.pool, work);
    this.events.publishAll(outcome.events);
    return outcome.value;
  }
}
