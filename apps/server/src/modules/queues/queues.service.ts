import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queue } from '@jimmy/contracts';
import { dbOf, isUniqueViolation, type Db, type Queryable } from '../../infra/db/index.js';
import { queues, userQueues, users } from '../../infra/db/schema.js';
import { conflict, invalid, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import type { AuthContext } from '../auth/index.js';

const isNameTaken = (error: unknown) => isUniqueViolation(error, 'queues_company_name_unique');

/** Departments that tickets are routed to; an agent sees the tickets of the queues they belong to. */
export class QueuesService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
  ) {}

  async list(companyId: number): Promise<Queue[]> {
    const rows = await this.db
      .select({
        id: queues.id,
        name: queues.name,
        color: queues.color,
        userIds: sql<number[]>`coalesce(array_agg(${userQueues.userId}) filter (where ${userQueues.userId} is not null), '{}')`,
      })
      .from(queues)
      .leftJoin(userQueues, eq(userQueues.queueId, queues.id))
      .where(eq(queues.companyId, companyId))
      .groupBy(queues.id)
      .orderBy(asc(queues.name));
    return rows.map((r) => ({ ...r, userIds: r.userIds.map(Number) }));
  }

  /** `q`: the caller's transaction, when it holds one (the embedded pool has a single connection). */
  async queueIdsOf(companyId: number, userId: number, q?: Queryable): Promise<number[]> {
    const rows = await (q ? dbOf(q) : this.db)
      .select({ queueId: userQueues.queueId })
      .from(userQueues)
      .where(and(eq(userQueues.companyId, companyId), eq(userQueues.userId, userId)));
    return rows.map((r) => r.queueId);
  }

  async exists(companyId: number, queueId: number, q?: Queryable): Promise<boolean> {
    const [row] = await (q ? dbOf(q) : this.db)
      .select({ id: queues.id })
      .from(queues)
      .where(and(eq(queues.companyId, companyId), eq(queues.id, queueId)));
    return Boolean(row);
  }

  async create(actor: AuthContext, input: { name: string; color: string; userIds: number[] }): Promise<Queue> {
    return this.save(actor, undefined, input);
  }

  async update(actor: AuthContext, queueId: number, input: { name: string; color: string; userIds: number[] }): Promise<Queue> {
    return this.save(actor, queueId, input);
  }

  async remove(actor: AuthContext, queueId: number): Promise<void> {
    const { deleted, members } = await this.db.transaction(async (tx) => {
      const members = await this.membersOf(tx, actor.companyId, queueId);
      const deleted = await tx
        .delete(queues)
        .where(and(eq(queues.companyId, actor.companyId), eq(queues.id, queueId)))
        .returning({ id: queues.id });
      return { deleted, members };
    });
    if (deleted.length === 0) throw notFound('Queue');
    this.announce(actor.companyId, queueId, members, []);
  }

  private async membersOf(db: Db, companyId: number, queueId: number): Promise<number[]> {
    const rows = await db
      .select({ userId: userQueues.userId })
      .from(userQueues)
      .where(and(eq(userQueues.companyId, companyId), eq(userQueues.queueId, queueId)));
    return rows.map((r) => Number(r.userId));
  }

  /** Open sockets follow the new membership at once, instead of at their next reconnect. */
  private announce(companyId: number, queueId: number, before: number[], after: number[]): void {
    const added = after.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !after.includes(id));
    if (added.length > 0 || removed.length > 0) this.events.publish('queue.members.changed', { companyId, queueId, added, removed });
  }

  private async save(
    actor: AuthContext,
    queueId: number | undefined,
    input: { name: string; color: string; userIds: number[] },
  ): Promise<Queue> {
    const companyId = actor.companyId;
    const userIds = [...new Set(input.userIds)];
    if (userIds.length > 0) {
      const found = await this.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.companyId, companyId), inArray(users.id, userIds)));
      if (found.length !== userIds.length) throw invalid({ userIds: 'contains a user that does not exist' });
    }
    try {
      const { id, before } = await this.db.transaction(async (tx) => {
        const before = queueId === undefined ? [] : await this.membersOf(tx, companyId, queueId);
        let saved: { id: number } | undefined;
        if (queueId === undefined) {
          [saved] = await tx.insert(queues).values({ companyId, name: input.name, color: input.color }).returning({ id: queues.id });
        } else {
          [saved] = await tx
            .update(queues)
            .set({ name: input.name, color: input.color, updatedAt: new Date() })
            .where(and(eq(queues.companyId, companyId), eq(queues.id, queueId)))
            .returning({ id: queues.id });
        }
        if (!saved) throw notFound('Queue');
        await tx.delete(userQueues).where(and(eq(userQueues.companyId, companyId), eq(userQueues.queueId, saved.id)));
        if (userIds.length > 0) await tx.insert(userQueues).values(userIds.map((userId) => ({ companyId, userId, queueId: saved.id })));
        return { id: saved.id, before };
      });
      this.announce(companyId, id, before, userIds);
      return { id, name: input.name, color: input.color, userIds };
    } catch (error) {
      if (isNameTaken(error)) throw conflict('QUEUE_NAME_TAKEN', 'A queue with this name already exists', { name: 'already in use' });
      throw error;
    }
  }
}
