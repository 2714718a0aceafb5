import type { Queryable } from '../../infra/db/index.js';
import { invalid } from '../../infra/errors.js';
import type { ReportScope } from './filters.js';

export interface SurveyComment {
  ticketId: number;
  score: number;
  comment: string;
  answeredAt: string;
  userId: number | null;
  userName: string | null;
  queueId: number | null;
  queueName: string | null;
  contactName: string;
}

/** Cursor: `<answeredAt ms>_<survey id>` of the last item, newest first. */
function parseCursor(cursor: string | undefined): { at: Date; id: number } | null {
  if (!cursor) return null;
  const match = /^(\d{1,15})_(\d{1,18})$/.exec(cursor);
  if (!match) throw invalid({ cursor: 'not a cursor from this list' });
  return { at: new Date(Number(match[1])), id: Number(match[2]) };
}

/**
 * Answered surveys with a comment, newest first: a keyset walk of surveys_company_answered_idx
 * (a page is bounded by `limit`, so it stays fast without an aggregate).
 */
export async function surveyComments(
  q: Queryable,
  scope: ReportScope,
  page: { cursor?: string; limit: number },
): Promise<{ items: SurveyComment[]; nextCursor: string | null }> {
  const after = parseCursor(page.cursor);
  const params: unknown[] = [scope.companyId, scope.from, scope.to];
  let where = `s.company_id = $1 and s.answered_at >= $2 and s.answered_at < $3 and s.status = 'answered' and s.score is not null
               and coalesce(s.comment, '') <> ''`;
  for (const [value, column] of [
    [scope.queueId, 's.queue_id'],
    [scope.userId, 's.user_id'],
    [scope.connectionId, 's.connection_id'],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    where += ` and ${column} = $${params.length}`;
  }
  if (scope.tagId !== undefined) {
    params.push(scope.tagId);
    where += ` and exists (select 1 from ticket_tags g where g.ticket_id = s.ticket_id and g.tag_id = $${params.length})`;
  }
  if (after) {
    params.push(after.at, after.id);
    where += ` and (s.answered_at, s.id) < ($${params.length - 1}, $${params.length})`;
  }
  params.push(page.limit + 1);
  const { rows } = await q.query<{
    id: number;
    ticket_id: number;
    score: number;
    comment: string;
    answered_at: Date;
    user_id: number | null;
    user_name: string | null;
    queue_id: number | null;
    queue_name: string | null;
    contact_name: string;
  }>(
    `select s.id, s.ticket_id, s.score, s.comment, s.answered_at, s.user_id, u.name as user_name, s.queue_id, qu.name as queue_name,
            c.name as contact_name
       from surveys s
       join contacts c on c.id = s.contact_id
       left join users u on u.id = s.user_id
       left join queues qu on qu.id = s.queue_id
      where ${where}
      order by s.answered_at desc, s.id desc limit $${params.length}`,
    params,
  );
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => ({
      ticketId: Number(row.ticket_id),
      score: Number(row.score),
      comment: row.comment,
      answeredAt: new Date(row.answered_at).toISOString(),
      userId: row.user_id === null ? null : Number(row.user_id),
      userName: row.user_name,
      queueId: row.queue_id === null ? null : Number(row.queue_id),
      queueName: row.queue_name,
      contactName: row.contact_name,
    })),
    nextCursor: more && last ? `${new Date(last.answered_at).getTime()}_${last.id}` : null,
  };
}
