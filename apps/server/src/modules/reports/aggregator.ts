import type pg from 'pg';
import { withTransaction } from '../../infra/db/index.js';
import type { Cells } from './ticket-cells.js';
import { cellKey, hourOf } from './ticket-cells.js';
import { applyDelta, refreshTickets } from './ledger.js';

/**
 * Folds committed changes into the report rows. New `ticket_events` and `messages` are found by
 * the id of the transaction that wrote them (`txid`), between the checkpoint and the oldest
 * transaction still running — the webhooks relay's rule (modules/webhooks/webhooks.relay.ts): a
 * sequence id can commit out of order, a settled txid range cannot grow. Each touched ticket is
 * recomputed from its rows and only the difference with its ledger is applied, so a pass that runs
 * twice (a crash before the checkpoint commit, a rebuild racing it) changes nothing the second time.
 */
const CHUNK = 500;

export async function initReportCursor(pool: pg.Pool): Promise<void> {
  // From the first transaction: a fresh install has nothing before; an older one back-fills once.
  await pool.query(`insert into report_cursor (id, cursor) values (1, '0'::xid8) on conflict (id) do nothing`);
}

/** One pass; returns the number of tickets refreshed (0 also when another node holds the checkpoint). */
export async function aggregateOnce(pool: pg.Pool): Promise<number> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ cursor: string; upto: string }>(
      `select cursor::text, pg_snapshot_xmin(pg_current_snapshot())::text as upto from report_cursor where id = 1 for update skip locked`,
    );
    const row = rows[0];
    if (!row || row.cursor === row.upto) return 0;
    const touched = await client.query<{ company_id: number; ticket_id: number }>(
      `select company_id, ticket_id from ticket_events where txid >= $1::xid8 and txid < $2::xid8
       union
       select company_id, ticket_id from messages where txid >= $1::xid8 and txid < $2::xid8 and type <> 'note'`,
      [row.cursor, row.upto],
    );
    const byCompany = new Map<number, number[]>();
    for (const t of touched.rows) {
      const list = byCompany.get(Number(t.company_id)) ?? [];
      list.push(Number(t.ticket_id));
      byCompany.set(Number(t.company_id), list);
    }
    for (const [companyId, ids] of byCompany) {
      for (let i = 0; i < ids.length; i += CHUNK) await refreshTickets(client, companyId, ids.slice(i, i + CHUNK));
    }
    await client.query(`update report_cursor set cursor = $1::xid8, updated_at = now() where id = 1`, [row.upto]);
    return touched.rows.length;
  });
}

/** A gap longer than this between two counts means the agent was away: counting restarts. */
const PRESENCE_GAP_MS = 120_000;

/**
 * Adds the time since the last count to every agent online now (agent_presence rows refreshed
 * within a minute), split over the UTC hours it spans. Presence keeps no history, so this is the
 * one figure a day's recomputation cannot rebuild; it is kept as counted.
 */
export async function countOnlineTime(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    // One node counts at a time; the others skip this round.
    const lock = await client.query<{ ok: boolean }>(`select pg_try_advisory_xact_lock(hashtext('reports.presence')) as ok`);
    if (!lock.rows[0]?.ok) return;
    const { rows } = await client.query<{ company_id: number; user_id: number; counted_until: Date | null; now: Date }>(
      `select o.company_id, o.user_id, m.counted_until, now() as now
         from (select distinct company_id, user_id from agent_presence where sockets > 0 and seen_at > now() - interval '60 seconds') o
         left join report_presence_marks m on m.user_id = o.user_id`,
    );
    const byCompany = new Map<number, Cells>();
    for (const row of rows) {
      const now = new Date(row.now);
      const since = row.counted_until ? new Date(row.counted_until) : null;
      let until = now;
      if (since && now.getTime() - since.getTime() <= PRESENCE_GAP_MS && now > since) {
        const cells = byCompany.get(Number(row.company_id)) ?? new Map();
        byCompany.set(Number(row.company_id), cells);
        let at = since.getTime();
        const end = since.getTime() + Math.floor((now.getTime() - since.getTime()) / 1000) * 1000;
        until = new Date(end);
        while (at < end) {
          const hour = hourOf(new Date(at));
          const next = Math.min(end, new Date(hour).getTime() + 3_600_000);
          const key = cellKey(0, 0, Number(row.user_id), 0);
          const byKey = cells.get(hour) ?? new Map<string, Map<string, number>>();
          cells.set(hour, byKey);
          const fields = byKey.get(key) ?? new Map<string, number>();
          byKey.set(key, fields);
          fields.set('online_seconds', (fields.get('online_seconds') ?? 0) + Math.round((next - at) / 1000));
          at = next;
        }
      }
      await client.query(
        `insert into report_presence_marks (user_id, company_id, counted_until) values ($1, $2, $3)
         on conflict (user_id) do update set counted_until = excluded.counted_until`,
        [row.user_id, row.company_id, until],
      );
    }
    for (const [companyId, cells] of byCompany) await applyDelta(client, companyId, cells);
  });
}

/**
 * Runs passes until every transaction committed before the call is folded in (another node's or
 * the loop's pass may hold the checkpoint meanwhile). For tests, benchmarks and back-fills.
 */
export async function catchUpReports(pool: pg.Pool, timeoutMs = 60_000): Promise<void> {
  const { rows } = await pool.query<{ now: string }>('select pg_current_xact_id()::text as now');
  const target = rows[0]!.now;
  const until = Date.now() + timeoutMs;
  for (;;) {
    await aggregateOnce(pool);
    const done = await pool.query<{ ok: boolean }>(`select cursor > $1::xid8 as ok from report_cursor where id = 1`, [target]);
    if (done.rows[0]?.ok) return;
    if (Date.now() > until) throw new Error('reports aggregation did not catch up in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
