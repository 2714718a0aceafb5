import { REPORT_COUNTERS } from '../../infra/db/schema-reports.js';
import type { Queryable } from '../../infra/db/index.js';
import { ticketCells, type Cells, type TicketHistory } from './ticket-cells.js';

/**
 * The bookkeeping behind report_hourly: for a set of tickets, what each adds now minus what its
 * ledger says it added, applied to the counters, and the ledger replaced — in the caller's
 * transaction, so a crash leaves both or neither.
 */

const COUNTERS = new Set<string>(REPORT_COUNTERS);

async function sequence<T extends readonly (() => Promise<unknown>)[]>(thunks: T): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const thunk of thunks) results.push(await thunk());
  return results as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

async function loadHistories(q: Queryable, companyId: number, ticketIds: readonly number[]): Promise<TicketHistory[]> {
  if (ticketIds.length === 0) return [];
  // One after the other: on a transaction's client, queries run in order anyway.
  const [tickets, events, messages, surveys, tags] = await sequence([
    () =>
      q.query<{ id: number; connection_id: number; queue_id: number | null }>(
        'select id, connection_id, queue_id from tickets where company_id = $1 and id = any($2::bigint[])',
        [companyId, ticketIds],
      ),
    () =>
      q.query<{
        id: number;
        ticket_id: number;
        kind: string;
        actor_user_id: number | null;
        data: Record<string, unknown>;
        created_at: Date;
      }>(
        `select id, ticket_id, kind, actor_user_id, data, created_at from ticket_events
        where company_id = $1 and ticket_id = any($2::bigint[]) order by ticket_id, id`,
        [companyId, ticketIds],
      ),
    () =>
      q.query<{ id: number; ticket_id: number; direction: 'in' | 'out'; author: string; user_id: number | null; created_at: Date }>(
        `select id, ticket_id, direction, author, user_id, created_at from messages
        where company_id = $1 and ticket_id = any($2::bigint[]) and type <> 'note' order by ticket_id, id`,
        [companyId, ticketIds],
      ),
    () =>
      q.query<{ ticket_id: number; score: number | null; answered_at: Date | null; user_id: number | null; queue_id: number | null }>(
        `select ticket_id, score, answered_at, user_id, queue_id from surveys
        where company_id = $1 and ticket_id = any($2::bigint[]) and status = 'answered'`,
        [companyId, ticketIds],
      ),
    () =>
      q.query<{ ticket_id: number; tag_id: number }>(
        'select ticket_id, tag_id from ticket_tags where company_id = $1 and ticket_id = any($2::bigint[])',
        [companyId, ticketIds],
      ),
  ] as const);
  const byId = new Map<
    number,
    TicketHistory & { events: TicketHistory['events'][number][]; messages: TicketHistory['messages'][number][]; tagIds: number[] }
  >();
  for (const t of tickets.rows) {
    byId.set(Number(t.id), {
      id: Number(t.id),
      connectionId: Number(t.connection_id),
      queueId: t.queue_id === null ? null : Number(t.queue_id),
      tagIds: [],
      events: [],
      messages: [],
      survey: null,
    });
  }
  for (const e of events.rows) {
    byId.get(Number(e.ticket_id))?.events.push({
      id: Number(e.id),
      kind: e.kind,
      actorUserId: e.actor_user_id === null ? null : Number(e.actor_user_id),
      data: e.data ?? {},
      at: new Date(e.created_at),
    });
  }
  for (const m of messages.rows) {
    byId.get(Number(m.ticket_id))?.messages.push({
      id: Number(m.id),
      direction: m.direction,
      author: m.author,
      userId: m.user_id === null ? null : Number(m.user_id),
      at: new Date(m.created_at),
    });
  }
  for (const s of surveys.rows) {
    const ticket = byId.get(Number(s.ticket_id));
    if (ticket) {
      ticket.survey = {
        score: s.score === null ? null : Number(s.score),
        answeredAt: s.answered_at ? new Date(s.answered_at) : null,
        userId: s.user_id === null ? null : Number(s.user_id),
        queueId: s.queue_id === null ? null : Number(s.queue_id),
      };
    }
  }
  for (const tag of tags.rows) byId.get(Number(tag.ticket_id))?.tagIds.push(Number(tag.tag_id));
  return [...byId.values()];
}

/** The ledger rows of these tickets (optionally only hours in [from, to)). */
async function loadLedger(q: Queryable, companyId: number, ticketIds: readonly number[], range?: { from: Date; to: Date }): Promise<Cells> {
  const { rows } = await q.query<{ hour: Date; cells: Record<string, Record<string, number>> }>(
    `select hour, cells from report_ticket_ledger where company_id = $1 and ticket_id = any($2::bigint[])
        and ($3::timestamptz is null or (hour >= $3 and hour < $4))`,
    [companyId, ticketIds, range?.from ?? null, range?.to ?? null],
  );
  const total: Cells = new Map();
  for (const row of rows) addCells(total, new Date(row.hour).toISOString(), row.cells, 1);
  return total;
}

function addCells(
  total: Cells,
  hour: string,
  cells: Record<string, Record<string, number>> | Map<string, Map<string, number>>,
  sign: number,
): void {
  let byKey = total.get(hour);
  if (!byKey) total.set(hour, (byKey = new Map()));
  const entries = cells instanceof Map ? [...cells.entries()].map(([k, v]) => [k, Object.fromEntries(v)] as const) : Object.entries(cells);
  for (const [key, fields] of entries) {
    let target = byKey.get(key);
    if (!target) byKey.set(key, (target = new Map()));
    for (const [field, value] of Object.entries(fields)) target.set(field, (target.get(field) ?? 0) + sign * value);
  }
}

export function mergeCells(into: Cells, from: Cells, sign = 1): void {
  for (const [hour, byKey] of from) addCells(into, hour, byKey, sign);
}

/** Adds `delta` to report_hourly / report_hourly_hist (zero entries skipped). */
export async function applyDelta(q: Queryable, companyId: number, delta: Cells): Promise<void> {
  const counterRows: Record<string, unknown>[] = [];
  const histRows: Record<string, unknown>[] = [];
  for (const [hour, byKey] of delta) {
    for (const [key, fields] of byKey) {
      const [tag, queue, user, connection] = key.split(':').map(Number);
      const base = { hour, tag_id: tag, queue_id: queue, user_id: user, connection_id: connection };
      const counters: Record<string, number> = {};
      let any = false;
      for (const [field, value] of fields) {
        if (value === 0) continue;
        if (COUNTERS.has(field)) {
          counters[field] = value;
          any = true;
        } else if (field.startsWith('h')) {
          const [metric, bucket] = field.slice(1).split(':').map(Number);
          histRows.push({ ...base, metric, bucket, n: value });
        }
      }
      if (any) counterRows.push({ ...base, ...counters });
    }
  }
  const cols = REPORT_COUNTERS.map((c) => `${c} int`).join(', ');
  const keyCols = 'hour timestamptz, tag_id bigint, queue_id bigint, user_id bigint, connection_id bigint';
  const keys = 'tag_id, queue_id, user_id, connection_id';
  // The hourly rows and their UTC-day sums move together, in the same statement.
  for (let i = 0; i < counterRows.length; i += 2000) {
    await q.query(
      `with x as (select * from jsonb_to_recordset($2::jsonb) as x(${keyCols}, ${cols})),
       h as (insert into report_hourly (company_id, hour, ${keys}, ${REPORT_COUNTERS.join(', ')})
         select $1, hour, ${keys}, ${REPORT_COUNTERS.map((c) => `coalesce(${c}, 0)`).join(', ')} from x
         on conflict (company_id, tag_id, hour, queue_id, user_id, connection_id) do update set
         ${REPORT_COUNTERS.map((c) => `${c} = report_hourly.${c} + excluded.${c}`).join(', ')})
       insert into report_daily (company_id, day, ${keys}, ${REPORT_COUNTERS.join(', ')})
         select $1, (hour at time zone 'UTC')::date, ${keys}, ${REPORT_COUNTERS.map((c) => `sum(coalesce(${c}, 0))`).join(', ')}
           from x group by 2, ${keys}
         on conflict (company_id, tag_id, day, queue_id, user_id, connection_id) do update set
         ${REPORT_COUNTERS.map((c) => `${c} = report_daily.${c} + excluded.${c}`).join(', ')}`,
      [companyId, JSON.stringify(counterRows.slice(i, i + 2000))],
    );
  }
  for (let i = 0; i < histRows.length; i += 4000) {
    await q.query(
      `with x as (select * from jsonb_to_recordset($2::jsonb) as x(${keyCols}, metric smallint, bucket smallint, n int)),
       h as (insert into report_hourly_hist (company_id, hour, ${keys}, metric, bucket, count)
         select $1, hour, ${keys}, metric, bucket, n from x
         on conflict (company_id, tag_id, hour, queue_id, user_id, connection_id, metric, bucket)
         do update set count = report_hourly_hist.count + excluded.count)
       insert into report_daily_hist (company_id, day, ${keys}, metric, bucket, count)
         select $1, (hour at time zone 'UTC')::date, ${keys}, metric, bucket, sum(n) from x group by 2, ${keys}, metric, bucket
         on conflict (company_id, tag_id, day, queue_id, user_id, connection_id, metric, bucket)
         do update set count = report_daily_hist.count + excluded.count`,
      [companyId, JSON.stringify(histRows.slice(i, i + 4000))],
    );
  }
}

function cellsToJson(byKey: Map<string, Map<string, number>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [key, fields] of byKey) {
    const entries = [...fields].filter(([, v]) => v !== 0);
    if (entries.length > 0) out[key] = Object.fromEntries(entries);
  }
  return out;
}

/** Replaces the tickets' ledger rows (in range, when given) with `fresh`. */
async function writeLedger(
  q: Queryable,
  companyId: number,
  ticketIds: readonly number[],
  fresh: Map<number, Cells>,
  range?: { from: Date; to: Date },
) {
  await q.query(
    `delete from report_ticket_ledger where company_id = $1 and ticket_id = any($2::bigint[])
        and ($3::timestamptz is null or (hour >= $3 and hour < $4))`,
    [companyId, ticketIds, range?.from ?? null, range?.to ?? null],
  );
  const rows: { ticket_id: number; hour: string; cells: Record<string, Record<string, number>> }[] = [];
  for (const [ticketId, cells] of fresh) {
    for (const [hour, byKey] of cells) {
      if (range && (new Date(hour) < range.from || new Date(hour) >= range.to)) continue;
      const json = cellsToJson(byKey);
      if (Object.keys(json).length > 0) rows.push({ ticket_id: ticketId, hour, cells: json });
    }
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await q.query(
      `insert into report_ticket_ledger (company_id, ticket_id, hour, cells)
       select $1, ticket_id, hour, cells from jsonb_to_recordset($2::jsonb) as x(ticket_id bigint, hour timestamptz, cells jsonb)`,
      [companyId, JSON.stringify(rows.slice(i, i + 2000))],
    );
  }
}

/** Fresh cells of these tickets, by ticket (deleted tickets: none). */
export async function freshCells(q: Queryable, companyId: number, ticketIds: readonly number[]): Promise<Map<number, Cells>> {
  const fresh = new Map<number, Cells>();
  for (const ticket of await loadHistories(q, companyId, ticketIds)) fresh.set(ticket.id, ticketCells(ticket));
  return fresh;
}

function restrict(cells: Cells, range?: { from: Date; to: Date }): Cells {
  if (!range) return cells;
  const out: Cells = new Map();
  for (const [hour, byKey] of cells) if (new Date(hour) >= range.from && new Date(hour) < range.to) out.set(hour, byKey);
  return out;
}

/**
 * Brings these tickets' contribution up to date: counters += fresh − ledger, ledger = fresh.
 * With `range`, only hours inside it (a day's recomputation leaves other days alone).
 */
export async function refreshTickets(
  q: Queryable,
  companyId: number,
  ticketIds: readonly number[],
  range?: { from: Date; to: Date },
): Promise<Map<number, Cells>> {
  const fresh = await freshCells(q, companyId, ticketIds);
  const delta: Cells = new Map();
  for (const cells of fresh.values()) mergeCells(delta, restrict(cells, range));
  mergeCells(delta, await loadLedger(q, companyId, ticketIds, range), -1);
  await applyDelta(q, companyId, delta);
  await writeLedger(q, companyId, ticketIds, fresh, range);
  return fresh;
}
