import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Queryable } from '../../infra/db/index.js';
import { invalid, notFound } from '../../infra/errors.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const reportFilterQuery = z.object({
  period: z.enum(['today', '7d', '30d', '90d', 'custom']).default('7d'),
  from: day.optional(),
  to: day.optional(),
  queueId: id.optional(),
  userId: id.optional(),
  connectionId: id.optional(),
  tagId: id.optional(),
});
export type ReportFilterQuery = z.infer<typeof reportFilterQuery>;

const MAX_DAYS = 366;

export interface ReportScope {
  companyId: number;
  zone: string;
  from: Date;
  to: Date;
  bucket: 'hour' | 'day';
  queueId?: number;
  userId?: number;
  connectionId?: number;
  tagId?: number;
}

/** Local days → the UTC instants of their midnights; today / Nd end at the end of the local today. */
function rangeOf(query: ReportFilterQuery, zone: string, now: Date): { from: Date; to: Date; bucket: 'hour' | 'day' } {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (query.period !== 'custom') {
    const days = query.period === 'today' ? 1 : Number.parseInt(query.period, 10);
    return {
      from: today
        .minus({ days: days - 1 })
        .toUTC()
        .toJSDate(),
      to: today.plus({ days: 1 }).toUTC().toJSDate(),
      bucket: query.period === 'today' ? 'hour' : 'day',
    };
  }
  if (!query.from) throw invalid({ from: 'required when period is custom' });
  if (!query.to) throw invalid({ to: 'required when period is custom' });
  const from = DateTime.fromISO(query.from, { zone });
  const to = DateTime.fromISO(query.to, { zone });
  if (!from.isValid) throw invalid({ from: 'not a date' });
  if (!to.isValid) throw invalid({ to: 'not a date' });
  if (to < from) throw invalid({ to: 'must not be before from' });
  if (to.diff(from, 'days').days + 1 > MAX_DAYS) throw invalid({ to: `at most ${MAX_DAYS} days from from` });
  return { from: from.startOf('day').toUTC().toJSDate(), to: to.plus({ days: 1 }).startOf('day').toUTC().toJSDate(), bucket: 'day' };
}

/** An id of another company (or none) answers 404, like a path id would. */
export async function resolveScope(q: Queryable, companyId: number, query: ReportFilterQuery, now: Date): Promise<ReportScope> {
  const { rows } = await q.query<{ timezone: string }>('select timezone from companies where id = $1', [companyId]);
  const stored = rows[0]?.timezone ?? 'UTC';
  const zone = DateTime.now().setZone(stored).isValid ? stored : 'UTC';
  const range = rangeOf(query, zone, now);
  const checks: [number | undefined, string, string][] = [
    [query.queueId, 'queues', 'Queue'],
    [query.userId, 'users', 'User'],
    [query.connectionId, 'connections', 'Connection'],
    [query.tagId, 'tags', 'Tag'],
  ];
  for (const [value, table, what] of checks) {
    if (value === undefined) continue;
    const found = await q.query(`select 1 from ${table} where company_id = $1 and id = $2`, [companyId, value]);
    if (found.rows.length === 0) throw notFound(what);
  }
  return {
    companyId,
    zone,
    ...range,
    ...(query.queueId !== undefined && { queueId: query.queueId }),
    ...(query.userId !== undefined && { userId: query.userId }),
    ...(query.connectionId !== undefined && { connectionId: query.connectionId }),
    ...(query.tagId !== undefined && { tagId: query.tagId }),
  };
}

/**
 * The where clause over report_hourly / report_hourly_hist for a scope and an hour range; `params`
 * starts with [companyId, tagId, from, to] and grows with the filters.
 */
export function hourlyWhere(
  scope: ReportScope,
  from: Date,
  to: Date | null,
  skip: { user?: boolean } = {},
): { where: string; params: unknown[] } {
  const params: unknown[] = [scope.companyId, scope.tagId ?? 0, from];
  let where = 'company_id = $1 and tag_id = $2 and hour >= $3';
  if (to) {
    params.push(to);
    where += ` and hour < $${params.length}`;
  }
  const dims: [number | undefined, string][] = [
    [scope.queueId, 'queue_id'],
    [skip.user ? undefined : scope.userId, 'user_id'],
    [scope.connectionId, 'connection_id'],
  ];
  for (const [value, column] of dims) {
    if (value === undefined) continue;
    params.push(value);
    where += ` and ${column} = $${params.length}`;
  }
  return { where, params };
}

/**
 * The rows of a period as one `from` source: whole UTC days inside it from the daily tables, the
 * partial days at its edges from the hourly ones (a local day is never a UTC day). Same columns
 * either way, so callers sum and group without caring which table a row came from.
 */
export function periodSource(
  scope: ReportScope,
  kind: 'counters' | 'hist',
  columns: string,
  skip: { user?: boolean } = {},
): { source: string; params: unknown[] } {
  const dayMs = 86_400_000;
  const firstDay = new Date(Math.ceil(scope.from.getTime() / dayMs) * dayMs);
  const lastDay = new Date(Math.floor(scope.to.getTime() / dayMs) * dayMs);
  const hourly = kind === 'counters' ? 'report_hourly' : 'report_hourly_hist';
  const daily = kind === 'counters' ? 'report_daily' : 'report_daily_hist';
  const { where, params } = hourlyWhere(scope, scope.from, scope.to, skip);
  if (firstDay >= lastDay) return { source: `(select ${columns} from ${hourly} where ${where}) src`, params };
  params.push(firstDay, lastDay);
  const a = `$${params.length - 1}`;
  const b = `$${params.length}`;
  // Two separate hour ranges (head and tail edges), each an index range scan: an OR of both inside
  // one range would make the scan read every hour of the period and filter.
  const head = where.replace(/hour < \$4/, `hour < ${a}`);
  const tail = where.replace('hour >= $3', `hour >= ${b}`);
  const dayWhere = where
    .replace('hour >= $3', `day >= (${a}::timestamptz at time zone 'UTC')::date`)
    .replace(/hour < \$4/, `day < (${b}::timestamptz at time zone 'UTC')::date`);
  return {
    source: `(select ${columns} from ${hourly} where ${head}
              union all select ${columns} from ${hourly} where ${tail}
              union all select ${columns} from ${daily} where ${dayWhere}) src`,
    params,
  };
}
