import { DateTime } from 'luxon';
import type { Queryable } from '../../infra/db/index.js';
import { REPORT_COUNTERS } from '../../infra/db/schema-reports.js';
import { hourlyWhere, periodSource, type ReportScope } from './filters.js';
import { METRICS, METRIC_NAMES, statsOf, type DurationStats, type MetricName } from './histogram.js';

/** Reads report_hourly / report_hourly_hist only (plus the live pending count and names). */

type Row = Record<string, string | number | Date | null>;
const n = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/** Bucket starts covering [from, to): local midnights, or UTC hours for today. */
function bucketStarts(scope: ReportScope): Date[] {
  const out: Date[] = [];
  let at = DateTime.fromJSDate(scope.from, { zone: scope.zone });
  const end = DateTime.fromJSDate(scope.to, { zone: scope.zone });
  while (at < end) {
    out.push(at.toJSDate());
    at = scope.bucket === 'hour' ? at.plus({ hours: 1 }) : at.plus({ days: 1 }).startOf('day');
  }
  return out;
}

async function durations(q: Queryable, scope: ReportScope, groupBy?: 'user_id' | 'queue_id', metrics: MetricName[] = METRIC_NAMES) {
  const { source, params } = periodSource(scope, 'hist', 'queue_id, user_id, metric, bucket, count');
  params.push(metrics.map((m) => METRICS[m]));
  const group = groupBy ? `${groupBy}, ` : '';
  const { rows } = await q.query<Row>(
    `select ${group}metric, bucket, sum(count)::bigint as n from ${source}
      where metric = any($${params.length}::smallint[]) group by ${group}metric, bucket`,
    params,
  );
  const byGroup = new Map<number, Map<number, Map<number, number>>>();
  for (const row of rows) {
    const g = groupBy ? n(row[groupBy]) : 0;
    let metricsOf = byGroup.get(g);
    if (!metricsOf) byGroup.set(g, (metricsOf = new Map()));
    let buckets = metricsOf.get(n(row.metric));
    if (!buckets) metricsOf.set(n(row.metric), (buckets = new Map()));
    buckets.set(n(row.bucket), n(row.n));
  }
  return (group: number, metric: MetricName): DurationStats => statsOf(byGroup.get(group)?.get(METRICS[metric]) ?? new Map());
}

const COUNTER_COLUMNS = `queue_id, user_id, ${REPORT_COUNTERS.join(', ')}`;

const TOTALS = `sum(opened)::bigint as opened, sum(closed)::bigint as closed, sum(reopened)::bigint as reopened,
  sum(messages_in)::bigint as messages_in, sum(messages_out)::bigint as messages_out, sum(bot_contained)::bigint as bot_contained,
  sum(transfers)::bigint as transfers, sum(callbacks_requested)::bigint as callbacks_requested, sum(callbacks_done)::bigint as callbacks_done,
  sum(assigned)::bigint as assigned, sum(csat_count)::bigint as csat_count, sum(csat_sum)::bigint as csat_sum,
  sum(csat_1)::bigint as csat_1, sum(csat_2)::bigint as csat_2, sum(csat_3)::bigint as csat_3, sum(csat_4)::bigint as csat_4,
  sum(csat_5)::bigint as csat_5, sum(online_seconds)::bigint as online_seconds`;

/** Tickets pending now, live (the gauge's anchor; the series walks back from it with the hourly deltas). */
async function pendingNow(q: Queryable, scope: ReportScope): Promise<number> {
  const params: unknown[] = [scope.companyId];
  let where = `t.company_id = $1 and t.status = 'pending'`;
  for (const [value, column] of [
    [scope.queueId, 'queue_id'],
    [scope.userId, 'user_id'],
    [scope.connectionId, 'connection_id'],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    where += ` and t.${column} = $${params.length}`;
  }
  if (scope.tagId !== undefined) {
    params.push(scope.tagId);
    where += ` and exists (select 1 from ticket_tags g where g.ticket_id = t.id and g.tag_id = $${params.length})`;
  }
  const { rows } = await q.query<Row>(`select count(*)::bigint as n from tickets t where ${where}`, params);
  return n(rows[0]?.n);
}

const average = (count: number, sum: number) => (count === 0 ? null : Math.round((sum / count) * 100) / 100);

export async function overview(q: Queryable, scope: ReportScope, now: Date) {
  const base = periodSource(scope, 'counters', COUNTER_COLUMNS);
  const totalsRow = (await q.query<Row>(`select ${TOTALS} from ${base.source}`, base.params)).rows[0] ?? {};
  const stats = await durations(q, scope);

  // One pass over the hours from the period's start (to now, for the gauge): series buckets and
  // the local weekday × hour heatmap are folded from it here, not by two scans.
  const hoursQuery = hourlyWhere(scope, scope.from, null);
  const { rows: hourRows } = await q.query<Row>(
    `select hour, sum(opened)::bigint as opened, sum(closed)::bigint as closed, sum(messages_in)::bigint as messages_in,
            sum(messages_out)::bigint as messages_out, sum(pending_delta)::bigint as pending_delta,
            sum(csat_count)::bigint as csat_count, sum(csat_sum)::bigint as csat_sum
       from report_hourly where ${hoursQuery.where} group by hour`,
    hoursQuery.params,
  );
  const FIELDS = ['opened', 'closed', 'messages_in', 'messages_out', 'pending_delta', 'csat_count', 'csat_sum'] as const;
  const byAt = new Map<number, Record<(typeof FIELDS)[number], number>>();
  const heat = new Map<number, number>();
  let after = 0;
  for (const row of hourRows) {
    const hour = new Date(row.hour as Date);
    if (hour >= scope.to) {
      after += n(row.pending_delta);
      continue;
    }
    const local = DateTime.fromJSDate(hour, { zone: scope.zone });
    const at = (scope.bucket === 'hour' ? hour : local.startOf('day').toJSDate()).getTime();
    const sums = byAt.get(at) ?? { opened: 0, closed: 0, messages_in: 0, messages_out: 0, pending_delta: 0, csat_count: 0, csat_sum: 0 };
    for (const field of FIELDS) sums[field] += n(row[field]);
    byAt.set(at, sums);
    const cell = (local.weekday % 7) * 24 + local.hour;
    heat.set(cell, (heat.get(cell) ?? 0) + n(row.messages_in));
  }
  const pending = await pendingNow(q, scope);
  const starts = bucketStarts(scope);
  const series: { at: string; opened: number; closed: number; pending: number; messagesIn: number; messagesOut: number }[] = [];
  const trend: { at: string; count: number; average: number | null }[] = [];
  for (let i = starts.length - 1; i >= 0; i--) {
    const start = starts[i]!;
    const row = byAt.get(start.getTime());
    const end = starts[i + 1] ?? scope.to;
    series.unshift({
      at: start.toISOString(),
      opened: n(row?.opened),
      closed: n(row?.closed),
      pending: end > now ? pending : Math.max(0, pending - after),
      messagesIn: n(row?.messages_in),
      messagesOut: n(row?.messages_out),
    });
    trend.unshift({ at: start.toISOString(), count: n(row?.csat_count), average: average(n(row?.csat_count), n(row?.csat_sum)) });
    after += n(row?.pending_delta);
  }

  const csatCount = n(totalsRow.csat_count);
  return {
    range: { from: scope.from.toISOString(), to: scope.to.toISOString(), timeZone: scope.zone, bucket: scope.bucket },
    totals: {
      ticketsOpened: n(totalsRow.opened),
      ticketsClosed: n(totalsRow.closed),
      ticketsReopened: n(totalsRow.reopened),
      pendingNow: pending,
      messagesIn: n(totalsRow.messages_in),
      messagesOut: n(totalsRow.messages_out),
      botContained: n(totalsRow.bot_contained),
      transfers: n(totalsRow.transfers),
      callbacksRequested: n(totalsRow.callbacks_requested),
      callbacksDone: n(totalsRow.callbacks_done),
    },
    durations: Object.fromEntries(METRIC_NAMES.map((m) => [m, stats(0, m)])) as Record<MetricName, DurationStats>,
    series,
    heatmap: [...heat.entries()]
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a - b)
      .map(([cell, count]) => ({ weekday: Math.floor(cell / 24), hour: cell % 24, messagesIn: count })),
    csat: {
      count: csatCount,
      average: average(csatCount, n(totalsRow.csat_sum)),
      distribution: {
        '1': n(totalsRow.csat_1),
        '2': n(totalsRow.csat_2),
        '3': n(totalsRow.csat_3),
        '4': n(totalsRow.csat_4),
        '5': n(totalsRow.csat_5),
      },
      trend,
    },
  };
}

export async function agents(q: Queryable, scope: ReportScope) {
  const base = periodSource(scope, 'counters', COUNTER_COLUMNS);
  const { rows } = await q.query<Row>(`select user_id, ${TOTALS} from ${base.source} where user_id <> 0 group by user_id`, base.params);
  // Online time has no queue, connection or tag: only the period and the agent filter it.
  const online = periodSource(
    { ...scope, tagId: undefined, queueId: undefined, connectionId: undefined },
    'counters',
    'user_id, online_seconds',
  );
  const { rows: onlineRows } = await q.query<Row>(
    `select user_id, sum(online_seconds)::bigint as s from ${online.source} where user_id <> 0 group by user_id`,
    online.params,
  );
  const stats = await durations(q, scope, 'user_id', ['firstResponse', 'handling']);
  const byUser = new Map(rows.map((row) => [n(row.user_id), row]));
  const onlineBy = new Map(onlineRows.map((row) => [n(row.user_id), n(row.s)]));
  const params: unknown[] = [scope.companyId, [...new Set([...byUser.keys(), ...onlineBy.keys()])]];
  let where = 'company_id = $1 and (active or id = any($2::bigint[]))';
  if (scope.userId !== undefined) {
    params.push(scope.userId);
    where += ` and id = $3`;
  }
  const users = await q.query<Row>(`select id, name from users where ${where} order by lower(name), id`, params);
  return {
    items: users.rows.map((user) => {
      const id = n(user.id);
      const row = byUser.get(id);
      const csatCount = n(row?.csat_count);
      return {
        userId: id,
        name: String(user.name),
        ticketsClosed: n(row?.closed),
        ticketsAssigned: n(row?.assigned),
        firstResponse: stats(id, 'firstResponse'),
        handling: stats(id, 'handling'),
        csatAverage: average(csatCount, n(row?.csat_sum)),
        csatCount,
        onlineSeconds: onlineBy.get(id) ?? 0,
        messagesOut: n(row?.messages_out),
      };
    }),
  };
}

export async function queues(q: Queryable, scope: ReportScope) {
  const base = periodSource(scope, 'counters', COUNTER_COLUMNS);
  const { rows } = await q.query<Row>(`select queue_id, ${TOTALS} from ${base.source} group by queue_id`, base.params);
  const stats = await durations(q, scope, 'queue_id', ['queueWait', 'firstResponse', 'resolution']);
  const byQueue = new Map(rows.map((row) => [n(row.queue_id), row]));
  const params: unknown[] = [scope.companyId];
  let where = 'company_id = $1';
  if (scope.queueId !== undefined) {
    params.push(scope.queueId);
    where += ' and id = $2';
  }
  const named = (await q.query<Row>(`select id, name from queues where ${where} order by position, lower(name), id`, params)).rows.map(
    (r) => ({
      id: n(r.id),
      name: String(r.name),
    }),
  );
  const list = byQueue.has(0) && scope.queueId === undefined ? [...named, { id: 0, name: null }] : named;
  return {
    items: list.map(({ id, name }) => {
      const row = byQueue.get(id);
      const csatCount = n(row?.csat_count);
      return {
        queueId: id === 0 ? null : id,
        name,
        ticketsOpened: n(row?.opened),
        ticketsClosed: n(row?.closed),
        queueWait: stats(id, 'queueWait'),
        firstResponse: stats(id, 'firstResponse'),
        resolution: stats(id, 'resolution'),
        csatAverage: average(csatCount, n(row?.csat_sum)),
        csatCount,
      };
    }),
  };
}
