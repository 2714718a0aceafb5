import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpReports } from '../src/modules/reports/index.js';
import { startTestApp, type TestApp } from './harness.js';
import { near, RawRows } from './reports.harness.js';

/**
 * Every metric against a hand-built data set in America/Sao_Paulo around Brazil's last DST start
 * (2018-11-04: clocks went from 00:00 to 01:00, so that local day has 23 hours and its midnights
 * are 03:00Z and 02:00Z). Historical times need raw rows (see reports.harness.ts); the aggregator
 * then folds them in exactly as it does live rows.
 */
let app: TestApp;
let raw: RawRows;
let ana: { id: number; token: string };
let bruno: { id: number; token: string };
let agent: { id: number; token: string };
let supervisor: { id: number; token: string };
let q1: number;
let q2: number;
let vip: number;
let connection: number;
const ids: Record<string, number> = {};
const MIN = 60_000;

beforeAll(async () => {
  app = await startTestApp();
  const pool = app.server.database.pool;
  await pool.query(`update companies set timezone = 'America/Sao_Paulo' where id = $1`, [app.companyA.id]);
  raw = new RawRows(pool, app.companyA.id);
  ana = await app.createUser(app.companyA, 'agent', 'Ana');
  bruno = await app.createUser(app.companyA, 'agent', 'Bruno');
  agent = await app.createUser(app.companyA, 'agent', 'Carla');
  supervisor = await app.createUser(app.companyA, 'supervisor', 'Sofia');
  connection = await raw.connection();
  q1 = await raw.queue('Suporte');
  q2 = await raw.queue('Vendas');
  vip = await raw.tag('VIP');

  // T1: waits in Suporte just before local midnight (Sat 23:30 -03), answered and closed after it.
  const t1 = await raw.ticket({
    connectionId: connection,
    status: 'closed',
    queueId: q1,
    userId: ana.id,
    at: '2018-11-04T02:30:00Z',
    contactName: 'Joana',
  });
  ids.t1 = t1.id;
  await raw.event(t1.id, 'created', '2018-11-04T02:30:00Z');
  await raw.message(t1, 'customer', '2018-11-04T02:30:00Z');
  await raw.event(t1.id, 'accepted', '2018-11-04T02:40:00Z', { actor: ana.id });
  await raw.message(t1, 'agent', '2018-11-04T02:50:00Z', { userId: ana.id });
  await raw.message(t1, 'agent', '2018-11-04T02:55:00Z', { userId: ana.id, type: 'note' }); // notes never count
  await raw.event(t1.id, 'closed', '2018-11-04T03:30:00Z', { actor: ana.id });
  await raw.survey(t1, { score: 5, comment: 'Ótimo atendimento', userId: ana.id, queueId: q1, at: '2018-11-04T03:40:00Z' });
  await raw.event(t1.id, 'survey-answered', '2018-11-04T03:40:00Z');

  // T2: the flow answers and closes it alone (bot-contained), no queue.
  const t2 = await raw.ticket({ connectionId: connection, status: 'closed', at: '2018-11-04T12:00:00Z' });
  await raw.event(t2.id, 'created', '2018-11-04T12:00:00Z');
  await raw.event(t2.id, 'bot-started', '2018-11-04T12:00:00Z', { data: { flowId: 1 } });
  await raw.message(t2, 'customer', '2018-11-04T12:00:00Z');
  await raw.message(t2, 'bot', '2018-11-04T12:01:00Z');
  await raw.event(t2.id, 'closed', '2018-11-04T12:05:00Z');

  // T3 (tag VIP): Suporte → Ana → transferred to Vendas/Bruno → closed → reopened by the customer → closed.
  const t3 = await raw.ticket({ connectionId: connection, status: 'closed', queueId: q2, userId: bruno.id, at: '2018-11-04T13:00:00Z' });
  ids.t3 = t3.id;
  await raw.event(t3.id, 'created', '2018-11-04T13:00:00Z');
  await raw.message(t3, 'customer', '2018-11-04T13:00:00Z');
  await raw.event(t3.id, 'accepted', '2018-11-04T13:05:00Z', { actor: ana.id });
  await raw.message(t3, 'agent', '2018-11-04T13:10:00Z', { userId: ana.id });
  await raw.event(t3.id, 'transferred', '2018-11-04T13:20:00Z', {
    actor: ana.id,
    data: { fromQueueId: q1, toQueueId: q2, fromUserId: ana.id, toUserId: bruno.id },
  });
  await raw.message(t3, 'agent', '2018-11-04T13:30:00Z', { userId: bruno.id });
  await raw.event(t3.id, 'closed', '2018-11-04T14:00:00Z', { actor: bruno.id });
  await raw.event(t3.id, 'reopened', '2018-11-04T15:00:00Z');
  await raw.message(t3, 'customer', '2018-11-04T15:00:00Z');
  await raw.message(t3, 'agent', '2018-11-04T15:06:00Z', { userId: bruno.id });
  await raw.event(t3.id, 'closed', '2018-11-04T15:30:00Z', { actor: bruno.id });
  await raw.tagTicket(t3.id, vip);
  await raw.event(t3.id, 'tagged', '2018-11-04T15:31:00Z', { data: { tagId: vip } });

  // T4: out of hours, the menu offers a callback (requested 22:02Z), it joins Vendas and surfaces the
  // next morning; Bruno takes it and calls back at 11:10Z.
  const t4 = await raw.ticket({ connectionId: connection, status: 'open', queueId: q2, userId: bruno.id, at: '2018-11-04T22:00:00Z' });
  await raw.event(t4.id, 'created', '2018-11-04T22:00:00Z');
  await raw.message(t4, 'customer', '2018-11-04T22:00:00Z');
  await raw.event(t4.id, 'menu-sent', '2018-11-04T22:00:00Z');
  await raw.event(t4.id, 'callback-offered', '2018-11-04T22:01:00Z', { data: { queueId: q2 } });
  await raw.event(t4.id, 'callback-requested', '2018-11-04T22:02:00Z');
  await raw.event(t4.id, 'queue-assigned', '2018-11-04T22:03:00Z', { data: { queueId: q2 } });
  await raw.event(t4.id, 'callback-surfaced', '2018-11-05T11:00:00Z', { data: { callbackId: 1 } });
  await raw.event(t4.id, 'accepted', '2018-11-05T11:05:00Z', { actor: bruno.id });
  await raw.message(t4, 'agent', '2018-11-05T11:10:00Z', { userId: bruno.id });

  await catchUpReports(pool);
});
afterAll(async () => {
  await app?.close();
});

const get = async (url: string, token = app.companyA.adminToken) => {
  const response = await app.inject({ method: 'GET', url, token });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const day = (from: string, to = from, extra = '') => `period=custom&from=${from}&to=${to}${extra}`;

describe('reports on a hand-built data set (America/Sao_Paulo, DST start 2018-11-04)', () => {
  it('puts the ticket opened before local midnight on Saturday, with its wait and first response', async () => {
    const body = await get(`/api/reports/overview?${day('2018-11-03')}`);
    expect(body.range).toEqual({
      from: '2018-11-03T03:00:00.000Z',
      to: '2018-11-04T03:00:00.000Z',
      timeZone: 'America/Sao_Paulo',
      bucket: 'day',
    });
    expect(body.totals).toMatchObject({ ticketsOpened: 1, ticketsClosed: 0, messagesIn: 1, messagesOut: 1, botContained: 0 });
    expect(body.durations.queueWait.count).toBe(1);
    expect(near(body.durations.queueWait.p50Ms, 10 * MIN)).toBe(true);
    expect(near(body.durations.firstResponse.p50Ms, 20 * MIN)).toBe(true);
    expect(body.durations.resolution).toEqual({ count: 0, p50Ms: null, p90Ms: null });
    expect(body.heatmap).toEqual([{ weekday: 6, hour: 23, messagesIn: 1 }]);
  });

  it('counts the 23-hour DST day: closes, reopen, transfer, bot containment, callbacks, percentiles', async () => {
    const body = await get(`/api/reports/overview?${day('2018-11-04')}`);
    expect(body.range.from).toBe('2018-11-04T03:00:00.000Z');
    expect(body.range.to).toBe('2018-11-05T02:00:00.000Z');
    expect(body.totals).toEqual({
      ticketsOpened: 3,
      ticketsClosed: 4,
      ticketsReopened: 1,
      pendingNow: 0,
      messagesIn: 4,
      messagesOut: 4,
      botContained: 1,
      transfers: 1,
      callbacksRequested: 1,
      callbacksDone: 0,
    });
    // resolution 5, 30, 60, 60 min; handling 15, 30, 40, 50; first response 6, 10; wait 5.
    expect(body.durations.resolution.count).toBe(4);
    expect(near(body.durations.resolution.p50Ms, 30 * MIN)).toBe(true);
    expect(near(body.durations.resolution.p90Ms, 60 * MIN)).toBe(true);
    expect(body.durations.handling.count).toBe(4);
    expect(near(body.durations.handling.p50Ms, 30 * MIN)).toBe(true);
    expect(near(body.durations.handling.p90Ms, 50 * MIN)).toBe(true);
    expect(body.durations.firstResponse.count).toBe(2);
    expect(near(body.durations.firstResponse.p50Ms, 6 * MIN)).toBe(true);
    expect(near(body.durations.firstResponse.p90Ms, 10 * MIN)).toBe(true);
    expect(near(body.durations.queueWait.p50Ms, 5 * MIN)).toBe(true);
    expect(body.durations.callbackDelay.count).toBe(0);
    expect(body.csat).toMatchObject({ count: 1, average: 5, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 } });
    // Local hours after the change are -02: 12:00Z is 10:00 on Sunday.
    expect(body.heatmap).toEqual([
      { weekday: 0, hour: 10, messagesIn: 1 },
      { weekday: 0, hour: 11, messagesIn: 1 },
      { weekday: 0, hour: 13, messagesIn: 1 },
      { weekday: 0, hour: 20, messagesIn: 1 },
    ]);
  });

  it('attributes the callback delay and the overnight wait to the day they end', async () => {
    const body = await get(`/api/reports/overview?${day('2018-11-05')}`);
    expect(body.totals).toMatchObject({ callbacksDone: 1, ticketsOpened: 0, messagesOut: 1 });
    expect(near(body.durations.callbackDelay.p50Ms, (13 * 60 + 8) * MIN)).toBe(true);
    expect(near(body.durations.firstResponse.p50Ms, (13 * 60 + 7) * MIN)).toBe(true);
    expect(near(body.durations.queueWait.p50Ms, (13 * 60 + 2) * MIN)).toBe(true);
  });

  it('draws the series on local midnights with the pending gauge at each day end', async () => {
    const body = await get(`/api/reports/overview?${day('2018-11-03', '2018-11-05')}`);
    expect(body.series).toEqual([
      { at: '2018-11-03T03:00:00.000Z', opened: 1, closed: 0, pending: 0, messagesIn: 1, messagesOut: 1 },
      { at: '2018-11-04T03:00:00.000Z', opened: 3, closed: 4, pending: 1, messagesIn: 4, messagesOut: 4 },
      { at: '2018-11-05T02:00:00.000Z', opened: 0, closed: 0, pending: 0, messagesIn: 0, messagesOut: 1 },
    ]);
    expect(body.csat.trend.map((p: { count: number }) => p.count)).toEqual([0, 1, 0]);
  });

  it('splits the day per agent', async () => {
    const { items } = await get(`/api/reports/agents?${day('2018-11-04')}`);
    const anaRow = items.find((i: { userId: number }) => i.userId === ana.id);
    const brunoRow = items.find((i: { userId: number }) => i.userId === bruno.id);
    expect(anaRow).toMatchObject({ name: 'Ana', ticketsClosed: 1, ticketsAssigned: 1, csatAverage: 5, csatCount: 1, messagesOut: 1 });
    expect(anaRow.handling.count).toBe(2);
    expect(near(anaRow.firstResponse.p50Ms, 10 * MIN)).toBe(true);
    expect(brunoRow).toMatchObject({
      name: 'Bruno',
      ticketsClosed: 2,
      ticketsAssigned: 2,
      csatAverage: null,
      csatCount: 0,
      messagesOut: 2,
    });
    expect(near(brunoRow.firstResponse.p50Ms, 6 * MIN)).toBe(true);
    expect(brunoRow.handling.count).toBe(2);
    const only = await get(`/api/reports/agents?${day('2018-11-04')}&userId=${bruno.id}`);
    expect(only.items.map((i: { userId: number }) => i.userId)).toEqual([bruno.id]);
    const filtered = await get(`/api/reports/overview?${day('2018-11-04')}&userId=${bruno.id}`);
    expect(filtered.totals).toMatchObject({ ticketsClosed: 2, messagesOut: 2 });
  });

  it('splits the day per queue, with a row for tickets without a queue', async () => {
    const { items } = await get(`/api/reports/queues?${day('2018-11-04')}`);
    const byId = new Map(items.map((i: { queueId: number | null }) => [i.queueId, i]));
    expect(byId.get(q1)).toMatchObject({ name: 'Suporte', ticketsOpened: 1, ticketsClosed: 1, csatAverage: 5, csatCount: 1 });
    expect(near((byId.get(q1) as { queueWait: { p50Ms: number } }).queueWait.p50Ms, 5 * MIN)).toBe(true);
    expect(byId.get(q2)).toMatchObject({ name: 'Vendas', ticketsOpened: 0, ticketsClosed: 2 });
    expect(byId.get(null)).toMatchObject({ name: null, ticketsOpened: 2, ticketsClosed: 1 });
  });

  it('filters by tag and by connection', async () => {
    const tagged = await get(`/api/reports/overview?${day('2018-11-04')}&tagId=${vip}`);
    expect(tagged.totals).toMatchObject({ ticketsOpened: 1, ticketsClosed: 2, ticketsReopened: 1, transfers: 1, botContained: 0 });
    const other = await raw.connection('Outro');
    const empty = await get(`/api/reports/overview?${day('2018-11-04')}&connectionId=${other}`);
    expect(empty.totals.ticketsOpened).toBe(0);
  });

  it('lists survey comments', async () => {
    const body = await get(`/api/reports/survey-comments?${day('2018-11-03', '2018-11-05')}`);
    expect(body.items).toEqual([
      {
        ticketId: ids.t1,
        score: 5,
        comment: 'Ótimo atendimento',
        answeredAt: '2018-11-04T03:40:00.000Z',
        userId: ana.id,
        userName: 'Ana',
        queueId: q1,
        queueName: 'Suporte',
        contactName: 'Joana',
      },
    ]);
    expect(body.nextCursor).toBeNull();
  });
});

describe('recomputation', () => {
  it('reports no drift on a consistent day, then finds and repairs a corrupted row', async () => {
    const clean = await app.inject({
      method: 'POST',
      url: '/api/reports/recompute',
      token: app.companyA.adminToken,
      payload: { date: '2018-11-04' },
    });
    expect(clean.statusCode, clean.body).toBe(200);
    expect(clean.json()).toMatchObject({ date: '2018-11-04', drift: [], rowsRewritten: 0 });

    const pool = app.server.database.pool;
    await pool.query(
      `update report_hourly set closed = closed + 7 where company_id = $1 and tag_id = 0 and hour = '2018-11-04T14:00:00Z' and closed > 0`,
      [app.companyA.id],
    );
    await pool.query(
      `delete from report_hourly_hist where company_id = $1 and hour = '2018-11-04T12:00:00Z' and tag_id = 0 and metric = 4`,
      [app.companyA.id],
    );
    const corrupted = await get(`/api/reports/overview?${day('2018-11-04')}`);
    expect(corrupted.totals.ticketsClosed).toBe(11);

    const repaired = await app.inject({
      method: 'POST',
      url: '/api/reports/recompute',
      token: app.companyA.adminToken,
      payload: { date: '2018-11-04' },
    });
    const body = repaired.json();
    expect(body.drift).toContainEqual({
      key: expect.stringContaining('2018-11-04T14:00:00.000Z 0:'),
      field: 'closed',
      stored: 8,
      recomputed: 1,
    });
    expect(
      body.drift.some(
        (d: { field: string; stored: number; recomputed: number }) =>
          d.field.startsWith('hist.resolution.') && d.stored === 0 && d.recomputed === 1,
      ),
    ).toBe(true);
    expect(body.rowsRewritten).toBe(2);
    const after = await get(`/api/reports/overview?${day('2018-11-04')}`);
    expect(after.totals.ticketsClosed).toBe(4);
    expect(after.durations.resolution.count).toBe(4);
    const again = await app.inject({
      method: 'POST',
      url: '/api/reports/recompute',
      token: app.companyA.adminToken,
      payload: { date: '2018-11-04' },
    });
    expect(again.json().drift).toEqual([]);
  });

  it('leaves the aggregates unchanged when the aggregator runs again over the same rows', async () => {
    const before = await get(`/api/reports/overview?${day('2018-11-03', '2018-11-05')}`);
    await app.server.database.pool.query(`update report_cursor set cursor = '0'::xid8 where id = 1`);
    await catchUpReports(app.server.database.pool);
    expect(await get(`/api/reports/overview?${day('2018-11-03', '2018-11-05')}`)).toEqual(before);
  });
});

describe('access and validation', () => {
  it('refuses agents and lets supervisors read (admins only recompute)', async () => {
    for (const url of [
      '/api/reports/overview',
      '/api/reports/agents',
      '/api/reports/queues',
      '/api/reports/survey-comments',
      '/api/reports/export?table=agents&format=csv',
    ]) {
      expect((await app.inject({ method: 'GET', url, token: agent.token })).statusCode, url).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/reports/overview', token: supervisor.token })).statusCode).toBe(200);
    const recompute = await app.inject({
      method: 'POST',
      url: '/api/reports/recompute',
      token: supervisor.token,
      payload: { date: '2018-11-04' },
    });
    expect(recompute.statusCode).toBe(403);
  });

  it('answers 404 for a filter id of another company', async () => {
    const other = new RawRows(app.server.database.pool, app.companyB.id);
    const foreign = {
      queueId: await other.queue('B queue'),
      connectionId: await other.connection('B site'),
      tagId: await other.tag('B tag'),
      userId: app.companyB.adminId,
    };
    for (const [name, value] of Object.entries(foreign)) {
      const response = await app.inject({ method: 'GET', url: `/api/reports/overview?${name}=${value}`, token: app.companyA.adminToken });
      expect(response.statusCode, name).toBe(404);
    }
  });

  it('answers 400 naming the field for a bad period or dates', async () => {
    const cases: [string, string][] = [
      ['period=week', 'period'],
      ['period=custom&to=2018-11-04', 'from'],
      ['period=custom&from=2018-11-04', 'to'],
      ['period=custom&from=2018-13-01&to=2018-12-01', 'from'],
      ['period=custom&from=2018-11-05&to=2018-11-04', 'to'],
      ['period=custom&from=2017-01-01&to=2018-11-04', 'to'],
      ['period=custom&from=04/11/2018&to=2018-11-04', 'from'],
      ['queueId=abc', 'queueId'],
    ];
    for (const [query, field] of cases) {
      const response = await app.inject({ method: 'GET', url: `/api/reports/overview?${query}`, token: app.companyA.adminToken });
      expect(response.statusCode, query).toBe(400);
      expect(Object.keys(response.json().error.fields ?? {}), query).toContain(field);
    }
    const badDate = await app.inject({
      method: 'POST',
      url: '/api/reports/recompute',
      token: app.companyA.adminToken,
      payload: { date: 'yesterday' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(Object.keys(badDate.json().error.fields)).toContain('date');
  });
});
