import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateOnce, catchUpReports, recomputeDay } from '../src/modules/reports/index.js';
import { freshCells, mergeCells } from '../src/modules/reports/ledger.js';
import { storedCells } from '../src/modules/reports/recompute.js';
import type { Cells } from '../src/modules/reports/ticket-cells.js';
import { REPORT_COUNTERS } from '../src/infra/db/schema-reports.js';
import { startTestApp, type TestApp, type TestCompany } from './harness.js';
import { RawRows } from './reports.harness.js';

/**
 * The aggregates equal a full recomputation after a randomised, interleaved sequence of 10,000
 * pipeline rows (events, messages, surveys, tags) across three companies, with aggregator passes
 * at random points in between. Seeded, so a failure replays.
 */
const SEED = 20181104;
const EVENTS = 10_000;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SimTicket {
  id: number;
  contactId: number;
  connectionId: number;
  status: 'bot' | 'pending' | 'open' | 'closed';
  userId: number | null;
  queueId: number | null;
  survey: 'none' | 'sent' | 'answered';
  tags: Set<number>;
}
interface SimCompany {
  company: TestCompany;
  raw: RawRows;
  connections: number[];
  queues: number[];
  agents: number[];
  tags: number[];
  tickets: SimTicket[];
}

let app: TestApp;
const sims: SimCompany[] = [];
const random = mulberry32(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

beforeAll(async () => {
  app = await startTestApp();
  const pool = app.server.database.pool;
  const companies = [app.companyA, app.companyB, await app.createCompany('Company C')];
  for (const company of companies) {
    const raw = new RawRows(pool, company.id);
    const agents: number[] = [];
    for (let i = 0; i < 3; i++) agents.push((await app.createUser(company, 'agent')).id);
    sims.push({
      company,
      raw,
      connections: [await raw.connection('A'), await raw.connection('B')],
      queues: [await raw.queue('Q1'), await raw.queue('Q2'), await raw.queue('Q3')],
      agents,
      tags: [await raw.tag('T1'), await raw.tag('T2')],
      tickets: [],
    });
  }
  await pool.query(`update companies set timezone = 'America/New_York' where id = $1`, [companies[2]!.id]);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** One pipeline row (or a ticket with its created event); returns false when nothing applied. */
async function step(sim: SimCompany, at: string): Promise<void> {
  const { raw } = sim;
  const live = sim.tickets.filter((t) => t.status !== 'closed');
  const roll = random();
  if (live.length === 0 || roll < 0.12) {
    const bot = random() < 0.4;
    const queueId = bot ? null : random() < 0.7 ? pick(sim.queues) : null;
    const created = await raw.ticket({ connectionId: pick(sim.connections), status: bot ? 'bot' : 'pending', queueId, at });
    await raw.event(created.id, 'created', at);
    if (bot) await raw.event(created.id, pick(['bot-started', 'menu-sent', 'typebot-started']), at);
    sim.tickets.push({ ...created, status: bot ? 'bot' : 'pending', userId: null, queueId, survey: 'none', tags: new Set() });
    return;
  }
  const t = roll < 0.2 && sim.tickets.length > 0 ? pick(sim.tickets) : pick(live);
  const kind = random();
  const setTicket = (fields: string) => sim.raw.one(`update tickets set ${fields} where id = $1`, [t.id, t.status, t.queueId, t.userId]);
  if (t.status === 'closed') {
    if (kind < 0.4 && !sim.tickets.some((o) => o !== t && o.contactId === t.contactId && o.status !== 'closed')) {
      const byAgent = random() < 0.5;
      t.status = byAgent || t.userId !== null ? 'open' : 'pending';
      if (byAgent) t.userId = pick(sim.agents);
      await raw.event(t.id, 'reopened', at, { actor: byAgent ? t.userId : null });
      await setTicket('status = $2, queue_id = $3, user_id = $4');
    } else if (t.survey === 'sent' && kind < 0.8) {
      t.survey = 'answered';
      await raw.one(`update surveys set status = 'answered', score = $2, comment = 'ok', answered_at = $3 where ticket_id = $1`, [
        t.id,
        1 + Math.floor(random() * 5),
        at,
      ]);
      await raw.event(t.id, 'survey-answered', at);
    } else {
      await raw.message(t, 'customer', at);
    }
    return;
  }
  if (kind < 0.3) {
    await raw.message(t, 'customer', at);
  } else if (kind < 0.45) {
    if (t.status === 'open') await raw.message(t, 'agent', at, { userId: t.userId ?? pick(sim.agents) });
    else await raw.message(t, random() < 0.5 ? 'bot' : 'system', at);
  } else if (kind < 0.52 && t.status === 'bot') {
    const queueId = random() < 0.8 ? pick(sim.queues) : null;
    t.status = 'pending';
    t.queueId = queueId ?? t.queueId;
    await raw.event(t.id, queueId === null ? 'left-unqueued' : 'queue-assigned', at, { data: queueId === null ? {} : { queueId } });
    await setTicket('status = $2, queue_id = $3, user_id = $4');
  } else if (kind < 0.6 && t.status !== 'open') {
    const userId = pick(sim.agents);
    const how = t.status === 'bot' ? 'taken-over' : pick(['accepted', 'assigned']);
    t.status = 'open';
    t.userId = userId;
    await raw.event(t.id, how, at, how === 'assigned' ? { data: { by: 'round_robin', userId } } : { actor: userId });
    await setTicket('status = $2, queue_id = $3, user_id = $4');
  } else if (kind < 0.67) {
    const toQueueId = random() < 0.7 ? pick(sim.queues) : t.queueId;
    const toUserId = random() < 0.6 ? pick(sim.agents) : null;
    await raw.event(t.id, 'transferred', at, {
      actor: t.userId,
      data: { fromQueueId: t.queueId, toQueueId, fromUserId: t.userId, toUserId },
    });
    t.queueId = toQueueId;
    t.userId = toUserId;
    t.status = toUserId === null ? 'pending' : 'open';
    await setTicket('status = $2, queue_id = $3, user_id = $4');
  } else if (kind < 0.72) {
    await raw.event(t.id, pick(['callback-requested', 'callback-surfaced', 'callback-offered']), at);
  } else if (kind < 0.78) {
    const tagId = pick(sim.tags);
    if (t.tags.has(tagId)) {
      t.tags.delete(tagId);
      await raw.one('delete from ticket_tags where ticket_id = $1 and tag_id = $2', [t.id, tagId]);
      await raw.event(t.id, 'untagged', at, { data: { tagId } });
    } else {
      t.tags.add(tagId);
      await raw.tagTicket(t.id, tagId);
      await raw.event(t.id, 'tagged', at, { data: { tagId } });
    }
  } else if (kind < 0.9) {
    const byBot = t.status === 'bot' && random() < 0.7;
    await raw.event(t.id, 'closed', at, { actor: byBot ? null : t.userId });
    t.status = 'closed';
    await setTicket('status = $2, queue_id = $3, user_id = $4');
    if (t.survey === 'none' && t.userId !== null && random() < 0.6) {
      t.survey = 'sent';
      await raw.one(
        `insert into surveys (company_id, ticket_id, contact_id, connection_id, user_id, queue_id, status, sent_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, 'awaiting_score', $7, $7::timestamptz + interval '1 day')`,
        [sim.company.id, t.id, t.contactId, t.connectionId, t.userId, t.queueId, at],
      );
    }
  } else {
    await raw.message(t, 'agent', at, { userId: pick(sim.agents), type: 'note' });
  }
}

async function recomputedAll(companyId: number): Promise<Cells> {
  const pool = app.server.database.pool;
  const { rows } = await pool.query<{ id: number }>('select id from tickets where company_id = $1', [companyId]);
  const total: Cells = new Map();
  const ids = rows.map((r) => Number(r.id));
  for (let i = 0; i < ids.length; i += 500)
    for (const cells of (await freshCells(pool, companyId, ids.slice(i, i + 500))).values()) mergeCells(total, cells);
  return total;
}

function nonZero(diff: Cells): string[] {
  const out: string[] = [];
  for (const [hour, byKey] of diff)
    for (const [key, fields] of byKey) for (const [field, v] of fields) if (v !== 0) out.push(`${hour} ${key} ${field} ${v}`);
  return out;
}

describe('aggregates after a randomised sequence of 10,000 rows', () => {
  it('equal a full recomputation from the raw rows, in every company', async () => {
    const pool = app.server.database.pool;
    let clock = Date.parse('2019-02-10T00:00:00Z'); // spans Brazil's last DST end (2019-02-17)
    let nextPass = 50 + Math.floor(random() * 500);
    let passes = 0;
    for (let i = 0; i < EVENTS; i++) {
      clock += Math.floor(random() * 6 * 60_000);
      await step(pick(sims), new Date(clock).toISOString());
      if (i === nextPass) {
        await aggregateOnce(pool);
        passes++;
        nextPass = i + 50 + Math.floor(random() * 800);
      }
    }
    await catchUpReports(pool);
    expect(passes).toBeGreaterThan(5);
    let compared = 0;
    for (const sim of sims) {
      const diff = await recomputedAll(sim.company.id);
      const stored = await storedCells(pool, sim.company.id, { from: new Date('2000-01-01'), to: new Date('2100-01-01') });
      for (const byKey of stored.values()) for (const fields of byKey.values()) compared += fields.size;
      mergeCells(diff, stored, -1);
      expect(nonZero(diff).slice(0, 10), `company ${sim.company.id}`).toEqual([]);
    }
    expect(compared).toBeGreaterThan(1000);
    // The daily tables are the hourly rows summed per UTC day, both ways round.
    const sums = REPORT_COUNTERS.map((c) => `sum(${c})`).join(', ');
    for (const [hourly, daily, extra, total] of [
      ['report_hourly', 'report_daily', '', sums],
      ['report_hourly_hist', 'report_daily_hist', ', metric, bucket', 'sum(count)'],
    ] as const) {
      const keys = `company_id, tag_id, queue_id, user_id, connection_id${extra}`;
      const h = `select (hour at time zone 'UTC')::date as day, ${keys}, ${total} from ${hourly} group by 1, ${keys}`;
      const d = `select day, ${keys}, ${total} from ${daily} group by 1, ${keys}`;
      const { rows: differ } = await pool.query(`select count(*)::int as n from ((${h} except ${d}) union all (${d} except ${h})) x`);
      expect(differ[0].n, daily).toBe(0);
    }
    const { rows } = await pool.query<{ n: number }>(`select sum(closed)::bigint as n from report_hourly where tag_id = 0`);
    expect(Number(rows[0]!.n)).toBeGreaterThan(100);
  }, 600_000);

  it('and a day recomputation finds no drift on any of those days', async () => {
    const sim = sims[2]!;
    const { rows } = await app.server.database.pool.query<{ day: string }>(
      `select distinct to_char(hour at time zone 'America/New_York', 'YYYY-MM-DD') as day from report_hourly where company_id = $1 order by 1`,
      [sim.company.id],
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const { day } of rows) {
      const result = await recomputeDay(app.server.database.pool, sim.company.id, day);
      expect(result.drift, day).toEqual([]);
    }
  }, 300_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('never skips a row whose transaction commits after a later one (PostgreSQL)', async () => {
    const pool = app.server.database.pool;
    const sim = sims[0]!;
    const early = await sim.raw.ticket({ connectionId: sim.connections[0]!, status: 'pending', at: '2019-03-01T10:00:00Z' });
    const late = await sim.raw.ticket({ connectionId: sim.connections[0]!, status: 'pending', at: '2019-03-01T10:00:00Z' });
    await aggregateOnce(pool);
    const slow = await pool.connect();
    try {
      await slow.query('begin');
      await slow.query(
        `insert into ticket_events (company_id, ticket_id, kind, created_at) values ($1, $2, 'created', '2019-03-01T10:00:00Z')`,
        [sim.company.id, early.id],
      );
      await sim.raw.event(late.id, 'created', '2019-03-01T10:00:00Z');
      await aggregateOnce(pool);
      await slow.query('commit');
    } finally {
      slow.release();
    }
    await catchUpReports(pool);
    const { rows } = await pool.query<{ ticket_id: number }>(
      'select distinct ticket_id from report_ticket_ledger where ticket_id = any($1::bigint[])',
      [[early.id, late.id]],
    );
    expect(rows.map((r) => Number(r.ticket_id)).sort((a, b) => a - b)).toEqual([early.id, late.id].sort((a, b) => a - b));
  });
});
