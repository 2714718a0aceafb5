import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AssignmentMode } from '@jimmy/contracts';
import { dbOf, type Queryable } from '../../infra/db/index.js';
import { connectionQueues, queues, userQueues, users } from '../../infra/db/schema.js';

export interface QueueRow {
  id: number;
  name: string;
  color: string;
  greeting: string | null;
  position: number;
  assignmentMode: AssignmentMode;
  schedule: unknown;
  userIds: number[];
}

export interface QueueFields {
  name: string;
  color: string;
  greeting: string | null;
  assignmentMode: AssignmentMode;
  schedule: Record<string, unknown> | null;
}

/** SQL of queues, their members and the connections' menus; every statement is scoped by company. */
export class QueuesRepository {
  constructor(private readonly q: Queryable) {}

  /** The same queries inside a caller's transaction. */
  with(q: Queryable): QueuesRepository {
    return new QueuesRepository(q);
  }

  private get db() {
    return dbOf(this.q);
  }

  async list(companyId: number, queueId?: number): Promise<QueueRow[]> {
    const where = [eq(queues.companyId, companyId)];
    if (queueId !== undefined) where.push(eq(queues.id, queueId));
    const rows = await this.db
      .select({
        id: queues.id,
        name: queues.name,
        color: queues.color,
        greeting: queues.greeting,
        position: queues.position,
        assignmentMode: queues.assignmentMode,
        schedule: queues.schedule,
        userIds: sql<
          number[]
        >`coalesce(array_agg(${userQueues.userId} order by ${userQueues.userId}) filter (where ${userQueues.userId} is not null), '{}')`,
      })
      .from(queues)
      .leftJoin(userQueues, eq(userQueues.queueId, queues.id))
      .where(and(...where))
      .groupBy(queues.id)
      .orderBy(asc(queues.position), asc(queues.id));
    return rows.map((r) => ({ ...r, userIds: r.userIds.map(Number) }));
  }

  /** Which of `ids` are queues of the company. */
  async existing(companyId: number, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({ id: queues.id })
      .from(queues)
      .where(and(eq(queues.companyId, companyId), inArray(queues.id, [...ids])));
    return rows.map((r) => r.id);
  }

  async allIds(companyId: number): Promise<number[]> {
    const rows = await this.db.select({ id: queues.id }).from(queues).where(eq(queues.companyId, companyId));
    return rows.map((r) => r.id);
  }

  async queueIdsOfUser(companyId: number, userId: number): Promise<number[]> {
    const rows = await this.db
      .select({ queueId: userQueues.queueId })
      .from(userQueues)
      .where(and(eq(userQueues.companyId, companyId), eq(userQueues.userId, userId)));
    return rows.map((r) => r.queueId);
  }

  async existingUsers(companyId: number, userIds: readonly number[]): Promise<number[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.companyId, companyId), inArray(users.id, [...userIds])));
    return rows.map((r) => r.id);
  }

  async membersOf(companyId: number, queueId: number): Promise<number[]> {
    const rows = await this.db
      .select({ userId: userQueues.userId })
      .from(userQueues)
      .where(and(eq(userQueues.companyId, companyId), eq(userQueues.queueId, queueId)));
    return rows.map((r) => Number(r.userId));
  }

  /** A new queue goes to the end of the list. */
  async insert(companyId: number, fields: QueueFields): Promise<number> {
    const [row] = await this.db
      .insert(queues)
      .values({
        companyId,
        ...fields,
        position: sql`(select coalesce(max(position), -1) + 1 from queues where company_id = ${companyId})`,
      })
      .returning({ id: queues.id });
    if (!row) throw new Error('queue insert returned nothing');
    return row.id;
  }

  async update(companyId: number, queueId: number, fields: QueueFields): Promise<boolean> {
    const rows = await this.db
      .update(queues)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(queues.companyId, companyId), eq(queues.id, queueId)))
      .returning({ id: queues.id });
    return rows.length > 0;
  }

  async setMembers(companyId: number, queueId: number, userIds: readonly number[]): Promise<void> {
    await this.db.delete(userQueues).where(and(eq(userQueues.companyId, companyId), eq(userQueues.queueId, queueId)));
    if (userIds.length > 0) await this.db.insert(userQueues).values(userIds.map((userId) => ({ companyId, userId, queueId })));
  }

  /** `ids`: every queue of the company, in the new order (the caller checked that). */
  async reorder(companyId: number, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(sql`
      update queues set position = o.ord - 1, updated_at = now()
        from unnest(${sql.raw(`array[${ids.map(Number).join(',')}]::bigint[]`)}) with ordinality as o(id, ord)
       where queues.company_id = ${companyId} and queues.id = o.id`);
  }

  /**
   * Deletes the queue and what pointed at it: the connections' menus lose it (the foreign key
   * cascades) and their legacy single default follows the remaining list, and the company's
   * fallback queue is cleared. Returns false when the queue is not the company's.
   */
  async delete(companyId: number, queueId: number): Promise<boolean> {
    const affected = await this.db
      .select({ connectionId: connectionQueues.connectionId })
      .from(connectionQueues)
      .where(and(eq(connectionQueues.companyId, companyId), eq(connectionQueues.queueId, queueId)));
    const deleted = await this.db
      .delete(queues)
      .where(and(eq(queues.companyId, companyId), eq(queues.id, queueId)))
      .returning({ id: queues.id });
    if (deleted.length === 0) return false;
    for (const { connectionId } of affected) await this.syncLegacyDefault(companyId, connectionId);
    await this.db.execute(sql`
      update companies set settings = jsonb_set(settings, '{routing,fallbackQueueId}', 'null'::jsonb)
       where id = ${companyId} and settings #>> '{routing,fallbackQueueId}' = ${String(queueId)}`);
    return true;
  }

  /** A connection's queues in menu order. */
  async menusOf(companyId: number, connectionIds: readonly number[]): Promise<Map<number, number[]>> {
    const menus = new Map<number, number[]>(connectionIds.map((id) => [id, []]));
    if (connectionIds.length === 0) return menus;
    const rows = await this.db
      .select({ connectionId: connectionQueues.connectionId, queueId: connectionQueues.queueId })
      .from(connectionQueues)
      .where(and(eq(connectionQueues.companyId, companyId), inArray(connectionQueues.connectionId, [...connectionIds])))
      .orderBy(asc(connectionQueues.connectionId), asc(connectionQueues.position));
    for (const row of rows) menus.get(row.connectionId)?.push(row.queueId);
    return menus;
  }

  async setMenu(companyId: number, connectionId: number, queueIds: readonly number[]): Promise<void> {
    await this.db
      .delete(connectionQueues)
      .where(and(eq(connectionQueues.companyId, companyId), eq(connectionQueues.connectionId, connectionId)));
    if (queueIds.length > 0) {
      await this.db.insert(connectionQueues).values(queueIds.map((queueId, position) => ({ companyId, connectionId, queueId, position })));
    }
    await this.syncLegacyDefault(companyId, connectionId);
  }

  /**
   * connections.default_queue_id predates the menus and is still read by older code paths:
   * it names the queue only when the list has exactly one (straight to it), else null.
   */
  private async syncLegacyDefault(companyId: number, connectionId: number): Promise<void> {
    await this.db.execute(sql`
      update connections set default_queue_id = (
        select case when count(*) = 1 then min(queue_id) end from connection_queues
         where company_id = ${companyId} and connection_id = ${connectionId})
       where company_id = ${companyId} and id = ${connectionId}`);
  }
}
