import type { AuditEntry } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

export interface NewAuditEntry {
  companyId: number;
  actorUserId: number | null;
  action: string;
  targetType: string;
  targetId?: number | null;
  data?: Record<string, unknown>;
}

/** Written inside the transaction of the action it records, so an entry exists exactly when the action committed. */
export async function recordAudit(q: Queryable, entry: NewAuditEntry): Promise<void> {
  await q.query('insert into audit_log (company_id, actor_user_id, action, target_type, target_id, data) values ($1, $2, $3, $4, $5, $6)', [
    entry.companyId,
    entry.actorUserId,
    entry.action,
    entry.targetType,
    entry.targetId ?? null,
    entry.data ?? {},
  ]);
}

/** Newest first; `cursor` is the last id of the previous page. */
export async function listAudit(
  q: Queryable,
  companyId: number,
  query: { cursor?: number; limit: number; action?: string },
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  const { rows } = await q.query<{
    id: number;
    action: string;
    target_type: string;
    target_id: number | null;
    actor_id: number | null;
    actor_name: string | null;
    data: Record<string, unknown>;
    created_at: Date;
  }>(
    `select a.id, a.action, a.target_type, a.target_id, a.actor_user_id as actor_id, u.name as actor_name, a.data, a.created_at
       from audit_log a left join users u on u.id = a.actor_user_id
      where a.company_id = $1 and ($2::bigint is null or a.id < $2) and ($3::text is null or a.action = $3)
      order by a.id desc limit $4`,
    [companyId, query.cursor ?? null, query.action ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
      data: row.data,
      createdAt: new Date(row.created_at).toISOString(),
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
