import { DateTime } from 'luxon';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import { REPORT_COUNTERS } from '../../infra/db/schema-reports.js';
import { METRIC_NAMES } from './histogram.js';
import { applyDelta, freshCells, mergeCells } from './ledger.js';
import type { Cells } from './ticket-cells.js';

interface Drift {
  /** `<hour ISO> tag:queue:user:connection` */
  key: string;
  /** A counter column, or `hist.<metric>.b<bucket>`. */
  field: string;
  stored: number;
  recomputed: number;
}

export interface RecomputeResult {
  date: string;
  drift: Drift[];
  /** Drift entries beyond the first 1000 are counted, not listed. */
  driftCount: number;
  rowsRewritten: number;
}

const MAX_LISTED = 1000;
/** online_seconds comes from presence, which has no raw history: never compared nor rewritten. */
const COMPARED = REPORT_COUNTERS.filter((c) => c !== 'online_seconds');

async function companyZone(q: Queryable, companyId: number): Promise<string> {
  const { rows } = await q.query<{ timezone: string }>('select timezone from companies where id = $1', [companyId]);
  const zone = rows[0]?.timezone ?? 'UTC';
  return DateTime.now().setZone(zone).isValid ? zone : 'UTC';
}

/** The UTC hours whose start falls in the local day (whole-hour zones: exactly the day). */
function dayRange(date: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { from: start.toUTC().toJSDate(), to: start.plus({ days: 1 }).startOf('day').toUTC().toJSDate() };
}

export async function storedCells(q: Queryable, companyId: number, range: { from: Date; to: Date }): Promise<Cells> {
  const stored: Cells = new Map();
  const counters = await q.query<Record<string, number | Date>>(
    `select hour, tag_id, queue_id, user_id, connection_id, ${COMPARED.join(', ')}
       from report_hourly where company_id = $1 and hour >= $2 and hour < $3`,
    [companyId, range.from, range.to],
  );
  for (const row of counters.rows) {
    const key = `${row.tag_id}:${row.queue_id}:${row.user_id}:${row.connection_id}`;
    const fields: Record<string, number> = {};
    for (const c of COMPARED) fields[c] = Number(row[c]);
    mergeCells(stored, new Map([[new Date(row.hour as Date).toISOString(), new Map([[key, new Map(Object.entries(fields))]])]]));
  }
  const hist = await q.query<{
    hour: Date;
    tag_id: number;
    queue_id: number;
    user_id: number;
    connection_id: number;
    metric: number;
    bucket: number;
    count: number;
  }>(
    `select hour, tag_id, queue_id, user_id, connection_id, metric, bucket, count
       from report_hourly_hist where company_id = $1 and hour >= $2 and hour < $3`,
    [companyId, range.from, range.to],
  );
  for (const row of hist.rows) {
    const key = `${row.tag_id}:${row.queue_id}:${row.user_id}:${row.connection_id}`;
    mergeCells(
      stored,
      new Map([[new Date(row.hour).toISOString(), new Map([[key, new Map([[`h${row.metric}:${row.bucket}`, Number(row.count)]])]])]]),
    );
  }
  return stored;
}

function fieldName(field: string): string {
  if (!field.startsWith('h')) return field;
  const [metric, bucket] = field.slice(1).split(':').map(Number);
  return `hist.${METRIC_NAMES[metric! - 1] ?? metric}.b${bucket}`;
}

/**
 * Recomputes one local day of a company from the raw rows (every ticket with a row or a ledger
 * entry in it), lists where the stored rows differ, and rewrites the day: counters (except online
 * time), histograms and the tickets' ledger entries for those hours. Serialised with the
 * aggregator by the checkpoint row's lock.
 */
async function recomputeDayIn(client: pg.PoolClient, companyId: number, date: string): Promise<RecomputeResult> {
  await client.query('select 1 from report_cursor where id = 1 for update');
  const zone = await companyZone(client, companyId);
  const range = dayRange(date, zone);
  const { rows } = await client.query<{ ticket_id: number }>(
    `select ticket_id from ticket_events where company_id = $1 and created_at >= $2 and created_at < $3
     union select ticket_id from messages where company_id = $1 and created_at >= $2 and created_at < $3 and type <> 'note'
     union select ticket_id from surveys where company_id = $1 and answered_at >= $2 and answered_at < $3
     union select ticket_id from report_ticket_ledger where company_id = $1 and hour >= $2 and hour < $3`,
    [companyId, range.from, range.to],
  );
  const ticketIds = rows.map((r) => Number(r.ticket_id));
  const recomputed: Cells = new Map();
  const ledgerRows: { ticket_id: number; hour: string; cells: Record<string, Record<string, number>> }[] = [];
  for (let i = 0; i < ticketIds.length; i += 500) {
    for (const [ticketId, cells] of await freshCells(client, companyId, ticketIds.slice(i, i + 500))) {
      for (const [hour, byKey] of cells) {
        const at = new Date(hour);
        if (at < range.from || at >= range.to) continue;
        mergeCells(recomputed, new Map([[hour, byKey]]));
        const json: Record<string, Record<string, number>> = {};
        for (const [key, fields] of byKey) json[key] = Object.fromEntries(fields);
        ledgerRows.push({ ticket_id: ticketId, hour, cells: json });
      }
    }
  }
  const stored = await storedCells(client, companyId, range);
  const diff: Cells = new Map();
  mergeCells(diff, recomputed);
  mergeCells(diff, stored, -1);
  const drift: Drift[] = [];
  let driftCount = 0;
  const changedRows = new Set<string>();
  for (const [hour, byKey] of [...diff].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [key, fields] of byKey) {
      for (const [field, delta] of fields) {
        if (delta === 0) continue;
        driftCount++;
        changedRows.add(`${hour} ${key} ${field.startsWith('h') ? field : ''}`);
        if (drift.length >= MAX_LISTED) continue;
        const storedValue = stored.get(hour)?.get(key)?.get(field) ?? 0;
        drift.push({ key: `${hour} ${key}`, field: fieldName(field), stored: storedValue, recomputed: storedValue + delta });
      }
    }
  }
  // The ledger is rewritten even without drift: later deltas are taken against it.
  await client.query('delete from report_ticket_ledger where company_id = $1 and hour >= $2 and hour < $3', [
    companyId,
    range.from,
    range.to,
  ]);
  for (let i = 0; i < ledgerRows.length; i += 2000) {
    await client.query(
      `insert into report_ticket_ledger (company_id, ticket_id, hour, cells)
       select $1, ticket_id, hour, cells from jsonb_to_recordset($2::jsonb) as x(ticket_id bigint, hour timestamptz, cells jsonb)
       on conflict (ticket_id, hour) do update set cells = excluded.cells`,
      [companyId, JSON.stringify(ledgerRows.slice(i, i + 2000))],
    );
  }
  if (driftCount > 0) await applyDelta(client, companyId, diff);
  await rederiveDaily(client, companyId, range);
  return { date, drift, driftCount, rowsRewritten: changedRows.size };
}

/**
 * The UTC days the local day touches, summed again from their hourly rows: the daily tables are a
 * cache of report_hourly, so whatever a repair did (or a corruption of the daily rows) ends here.
 */
async function rederiveDaily(client: pg.PoolClient, companyId: number, range: { from: Date; to: Date }): Promise<void> {
  const dayMs = 86_400_000;
  const from = new Date(Math.floor(range.from.getTime() / dayMs) * dayMs);
  const to = new Date(Math.ceil(range.to.getTime() / dayMs) * dayMs);
  const keys = 'tag_id, queue_id, user_id, connection_id';
  const day = `(hour at time zone 'UTC')::date`;
  const utcDay = (at: Date) => at.toISOString().slice(0, 10);
  for (const [daily, hourly, extra, sums] of [
    ['report_daily', 'report_hourly', '', REPORT_COUNTERS.map((c) => `sum(${c})`).join(', ')],
    ['report_daily_hist', 'report_hourly_hist', ', metric, bucket', 'sum(count)'],
  ] as const) {
    const columns = daily === 'report_daily' ? REPORT_COUNTERS.join(', ') : 'count';
    await client.query(`delete from ${daily} where company_id = $1 and day >= $2::date and day < $3::date`, [
      companyId,
      utcDay(from),
      utcDay(to),
    ]);
    await client.query(
      `insert into ${daily} (company_id, day, ${keys}${extra}, ${columns})
       select company_id, ${day}, ${keys}${extra}, ${sums} from ${hourly}
        where company_id = $1 and hour >= $2 and hour < $3 group by company_id, ${day}, ${keys}${extra}`,
      [companyId, from, to],
    );
  }
}

export function recomputeDay(pool: pg.Pool, companyId: number, date: string): Promise<RecomputeResult> {
  return withTransaction(pool, (client) => recomputeDayIn(client, companyId, date));
}

/**
 * Builds (or repairs) a company's report rows for the local days `fromDay`..`toDay` (inclusive,
 * YYYY-MM-DD) from the raw rows, one transaction per day. For benchmarks and back-fills.
 * @public (bench/reports.ts)
 */
export async function rebuildReportAggregates(
  pool: pg.Pool,
  companyId: number,
  fromDay: string,
  toDay: string,
): Promise<{ days: number; driftCount: number; rowsRewritten: number }> {
  let day = DateTime.fromISO(fromDay);
  const last = DateTime.fromISO(toDay);
  const total = { days: 0, driftCount: 0, rowsRewritten: 0 };
  while (day <= last) {
    const result = await recomputeDay(pool, companyId, day.toISODate()!);
    total.days++;
    total.driftCount += result.driftCount;
    total.rowsRewritten += result.rowsRewritten;
    day = day.plus({ days: 1 });
  }
  return total;
}
