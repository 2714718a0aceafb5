import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { openSocket, type TestCompany } from './harness.js';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';

let app: ConversationApp;
let agent: { id: number; token: string };
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startConversationApp();
  agent = await app.createUser(app.companyA, 'agent');
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const admin = () => app.companyA.adminToken;

async function createQueue(name: string, extra: Record<string, unknown> = {}, company: TestCompany = app.companyA) {
  const response = await app.inject({ method: 'POST', url: '/api/queues', token: company.adminToken, payload: { name, ...extra } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number; name: string; position: number }>();
}

const listQueues = async (token = admin()) => {
  const response = await app.inject({ method: 'GET', url: '/api/queues', token });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: { id: number; name: string; position: number; userIds: number[] }[] }>().items;
};

const weekdays = {
  mon: [
    { start: '08:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
};

describe('queues', () => {
  it('creates at the end of the list, updates every field and deletes', async () => {
    const first = await createQueue('Q Vendas');
    const second = await createQueue('Q Suporte', {
      color: '#123456',
      greeting: '  Olá do suporte  ',
      assignmentMode: 'round_robin',
      schedule: { timeZone: 'Europe/Lisbon', weekly: weekdays },
      userIds: [agent.id],
    });
    expect(second.position).toBeGreaterThan(first.position);
    expect(second).toMatchObject({
      color: '#123456',
      greeting: 'Olá do suporte',
      assignmentMode: 'round_robin',
      schedule: { timeZone: 'Europe/Lisbon', weekly: { mon: weekdays.mon, tue: [] }, holidays: [], exceptions: [] },
      userIds: [agent.id],
    });

    const updated = await app.inject({
      method: 'PUT',
      url: `/api/queues/${second.id}`,
      token: admin(),
      payload: { name: 'Q Suporte 2', assignmentMode: 'least_busy', schedule: null, userIds: [] },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      name: 'Q Suporte 2',
      assignmentMode: 'least_busy',
      schedule: null,
      userIds: [],
      greeting: null,
    });
    expect(updated.json().position).toBe(second.position);

    // an agent reads them (the transfer dialog), in order
    const seen = await listQueues(agent.token);
    expect(seen.map((q) => q.name)).toEqual(expect.arrayContaining(['Q Vendas', 'Q Suporte 2']));
    expect(seen.map((q) => q.position)).toEqual([...seen.map((q) => q.position)].sort((a, b) => a - b));

    const removed = await app.inject({ method: 'DELETE', url: `/api/queues/${second.id}`, token: admin() });
    expect(removed.statusCode).toBe(204);
    expect((await listQueues()).map((q) => q.id)).not.toContain(second.id);
    const again = await app.inject({ method: 'DELETE', url: `/api/queues/${second.id}`, token: admin() });
    expect(again.json().error.code).toBe('QUEUE_NOT_FOUND');
  });

  it('names the offending field of a bad request', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'Bad colour', color: 'green' }, 'color'],
      [{ name: 'Bad mode', assignmentMode: 'random' }, 'assignmentMode'],
      [{ name: 'Bad hours', schedule: { weekly: { mon: [{ start: '08:00', end: '25:00' }] } } }, 'schedule.weekly.mon.0.end'],
      [{ name: 'Bad zone', schedule: { timeZone: 'Mars/Olympus', weekly: {} } }, 'schedule.timeZone'],
      [{ name: 'Overlap', schedule: { weekly: { tue: [weekdays.mon[0], { start: '11:00', end: '14:00' }] } } }, 'schedule.weekly.tue.1'],
      [{ name: 'Stranger', userIds: [app.companyB.adminId] }, 'userIds'],
    ];
    for (const [payload, field] of cases) {
      const response = await app.inject({ method: 'POST', url: '/api/queues', token: admin(), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(response.json().error.fields), JSON.stringify(payload)).toContain(field);
    }
    await createQueue('Q Único');
    const taken = await app.inject({ method: 'POST', url: '/api/queues', token: admin(), payload: { name: 'Q Único' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'QUEUE_NAME_TAKEN', fields: { name: expect.any(String) } });
  });

  it('reorders with every id of the company, and refuses partial, repeated or foreign lists', async () => {
    await createQueue('Q Ordem A');
    await createQueue('Q Ordem B');
    const ids = (await listQueues()).map((q) => q.id);
    const reversed = [...ids].reverse();
    const response = await app.inject({ method: 'PUT', url: '/api/queues/order', token: admin(), payload: { ids: reversed } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((q: { id: number }) => q.id)).toEqual(reversed);
    expect((await listQueues()).map((q) => q.id)).toEqual(reversed);
    // a new queue still goes last
    const late = await createQueue('Q Ordem C');
    expect((await listQueues()).at(-1)?.id).toBe(late.id);

    const foreign = await createQueue('Q de B', {}, app.companyB);
    const all = (await listQueues()).map((q) => q.id);
    for (const bad of [all.slice(1), [...all, all[0]], [...all, foreign.id]]) {
      const refused = await app.inject({ method: 'PUT', url: '/api/queues/order', token: admin(), payload: { ids: bad } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toHaveProperty('ids');
    }
    expect((await listQueues()).map((q) => q.id)).toEqual(all);
  });

  it('lets agents read but not write, and hides other companies', async () => {
    const queue = await createQueue('Q Permissões');
    const writes = [
      { method: 'POST' as const, url: '/api/queues', payload: { name: 'Agent queue' } },
      { method: 'PUT' as const, url: `/api/queues/${queue.id}`, payload: { name: 'Agent rename' } },
      { method: 'DELETE' as const, url: `/api/queues/${queue.id}` },
      { method: 'PUT' as const, url: '/api/queues/order', payload: { ids: [queue.id] } },
      { method: 'PUT' as const, url: '/api/settings', payload: { survey: { mode: 'off' } } },
    ];
    for (const request of writes) {
      const response = await app.inject({ ...request, token: agent.token });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
    }
    for (const method of ['PUT', 'DELETE'] as const) {
      const response = await app.inject({ method, url: `/api/queues/${queue.id}`, token: app.companyB.adminToken, payload: { name: 'x' } });
      expect(response.statusCode).toBe(404);
    }
    expect((await listQueues()).find((q) => q.id === queue.id)?.name).toBe('Q Permissões');
  });
});

describe("a connection's queues", () => {
  const connectionUrl = () => `/api/connections/${app.cloudConnectionId}`;
  const patch = (payload: object) => app.inject({ method: 'PATCH', url: connectionUrl(), token: admin(), payload });

  it('keeps the menu order, the legacy default and refuses duplicates or foreign queues', async () => {
    const a = await createQueue('Menu A');
    const b = await createQueue('Menu B');
    const saved = await patch({ queueIds: [b.id, a.id] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ queueIds: [b.id, a.id], defaultQueueId: null });
    const read = await app.inject({ method: 'GET', url: connectionUrl(), token: admin() });
    expect(read.json().queueIds).toEqual([b.id, a.id]);
    const list = await app.inject({ method: 'GET', url: '/api/connections', token: admin() });
    expect(list.json().items.find((c: { id: number }) => c.id === app.cloudConnectionId).queueIds).toEqual([b.id, a.id]);

    expect((await patch({ queueIds: [a.id] })).json()).toMatchObject({ queueIds: [a.id], defaultQueueId: a.id });
    // the legacy field still works and means a list of one
    expect((await patch({ defaultQueueId: b.id })).json()).toMatchObject({ queueIds: [b.id], defaultQueueId: b.id });
    expect((await patch({ defaultQueueId: null })).json()).toMatchObject({ queueIds: [], defaultQueueId: null });

    const foreign = await createQueue('Menu de B', {}, app.companyB);
    for (const queueIds of [[a.id, a.id], [a.id, foreign.id], [999999]]) {
      const refused = await patch({ queueIds });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toHaveProperty('queueIds');
    }
    expect((await app.inject({ method: 'GET', url: connectionUrl(), token: admin() })).json().queueIds).toEqual([]);
  });

  it('drops a deleted queue from menus and from the fallback setting', async () => {
    const a = await createQueue('Some A');
    const b = await createQueue('Some B');
    await patch({ queueIds: [a.id, b.id] });
    const set = await app.inject({ method: 'PUT', url: '/api/settings', token: admin(), payload: { routing: { fallbackQueueId: b.id } } });
    expect(set.statusCode, set.body).toBe(200);

    expect((await app.inject({ method: 'DELETE', url: `/api/queues/${b.id}`, token: admin() })).statusCode).toBe(204);
    const connection = (await app.inject({ method: 'GET', url: connectionUrl(), token: admin() })).json();
    expect(connection).toMatchObject({ queueIds: [a.id], defaultQueueId: a.id });
    const settings = (await app.inject({ method: 'GET', url: '/api/settings', token: admin() })).json();
    expect(settings.routing.fallbackQueueId).toBeNull();
    await patch({ queueIds: [] });
  });
});

describe('settings', () => {
  it('answers defaults to anyone, and round-trips each section whole', async () => {
    const company = await app.createCompany('Settings Co');
    const member = await app.createUser(company, 'agent');
    const initial = await app.inject({ method: 'GET', url: '/api/settings', token: member.token });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({
      timezone: 'America/Sao_Paulo',
      routing: { maxMenuAttempts: 3, fallbackQueueId: null, unqueuedVisibleToAgents: true },
      hours: { schedule: null, offerCallback: false },
      survey: { mode: 'agent', agentDefault: true, expiryHours: 24 },
      scheduling: { reuseLiveTicket: true },
    });

    const queue = await createQueue('Fallback', {}, company);
    const schedule = { timeZone: 'Europe/Lisbon', weekly: weekdays, holidays: [{ date: '12-25', name: 'Natal' }] };
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/settings',
      token: company.adminToken,
      payload: {
        routing: { fallbackQueueId: queue.id, maxMenuAttempts: 5, menuPrompt: 'Escolha:' },
        hours: { schedule, offerCallback: true },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const expected = {
      timezone: 'Europe/Lisbon',
      // a section given is replaced whole: what it left out is back to the default
      routing: { fallbackQueueId: queue.id, maxMenuAttempts: 5, menuPrompt: 'Escolha:', greeting: initial.json().routing.greeting },
      hours: { offerCallback: true, schedule: { timeZone: 'Europe/Lisbon', weekly: { mon: weekdays.mon, sun: [] } } },
      survey: initial.json().survey,
    };
    expect(saved.json()).toMatchObject(expected);
    expect((await app.inject({ method: 'GET', url: '/api/settings', token: member.token })).json()).toMatchObject(expected);

    // another section leaves these alone
    const survey = await app.inject({
      method: 'PUT',
      url: '/api/settings',
      token: company.adminToken,
      payload: { survey: { mode: 'off', commentQuestion: null } },
    });
    expect(survey.json()).toMatchObject({ ...expected, survey: { mode: 'off', commentQuestion: null } });
  });

  it('names the invalid field, including a fallback queue of another company', async () => {
    const foreign = await createQueue('Fallback de B', {}, app.companyB);
    const cases: [object, string][] = [
      [{ routing: { fallbackQueueId: foreign.id } }, 'routing.fallbackQueueId'],
      [{ routing: { maxMenuAttempts: 11 } }, 'routing.maxMenuAttempts'],
      [{ hours: { schedule: { weekly: { fri: [{ start: '9:00', end: '18:00' }] } } } }, 'hours.schedule.weekly.fri.0.start'],
      [{ hours: { schedule: { weekly: {}, exceptions: [{ date: '2026-02-30', closed: true }] } } }, 'hours.schedule.exceptions.0.date'],
      [{ survey: { mode: 'sometimes' } }, 'survey.mode'],
    ];
    for (const [payload, field] of cases) {
      const response = await app.inject({ method: 'PUT', url: '/api/settings', token: admin(), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(response.json().error.fields), JSON.stringify(payload)).toContain(field);
    }
    expect((await app.inject({ method: 'GET', url: '/api/settings', token: admin() })).json().routing.fallbackQueueId).toBeNull();
  });

  it("moves open agent sockets in and out of unqueued tickets' room when the setting changes", async () => {
    const baseUrl = await app.server.listen();
    const socket = await openSocket(baseUrl, agent.token, sockets);
    const phones = new Set<string>();
    socket.onAny((event: string, payload: { ticket?: { status: string; queueId: number | null; contact: { phone: string | null } } }) => {
      if (event === 'ticket.created' && payload.ticket?.status === 'pending' && payload.ticket.queueId === null) {
        phones.add((payload.ticket.contact.phone ?? '').replace(/^\+/, ''));
      }
    });
    const setVisible = async (visible: boolean) => {
      const response = await app.inject({
        method: 'PUT',
        url: '/api/settings',
        token: admin(),
        payload: { routing: { unqueuedVisibleToAgents: visible } },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().routing.unqueuedVisibleToAgents).toBe(visible);
    };
    // The connection has no queues here: every new customer is a pending ticket without a queue.
    let n = 0;
    const newCustomer = async () => {
      const phone = `55119777${String(++n).padStart(5, '0')}`;
      expect((await app.postWebhook(textWebhook(phone, 'olá').body)).statusCode).toBe(200);
      return phone;
    };

    await setVisible(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hidden = await newCustomer();
    await setVisible(true);
    // The room join follows the commit asynchronously: each try is a new customer.
    const visible: string[] = [];
    await expect
      .poll(
        async () => {
          visible.push(await newCustomer());
          return visible.some((phone) => phones.has(phone));
        },
        { timeout: 5000 },
      )
      .toBe(true);
    expect(phones.has(hidden)).toBe(false);

    await setVisible(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await newCustomer();
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: `/api/tickets?q=${after}`, token: admin() })).json().items.length, {
        timeout: 3000,
      })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(phones.has(after)).toBe(false);
    expect(socket.connected).toBe(true);
  });
});
