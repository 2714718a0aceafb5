import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, AnnouncementAck, AnnouncementAckedEvent, PendingAnnouncement } from '@jimmy/contracts';
import { openSocket, startTestApp, type TestApp } from './harness.js';

let app: TestApp;
let baseUrl: string;
const sockets: Socket[] = [];
type Person = Awaited<ReturnType<TestApp['createUser']>>;
let supervisor: Person;
let agentSales: Person;
let agentSupport: Person;
let agentIdle: Person;
let agentOfB: Person;
let salesQueueId: number;

beforeAll(async () => {
  app = await startTestApp();
  baseUrl = await app.server.listen();
  supervisor = await app.createUser(app.companyA, 'supervisor', 'Sara Supervisora');
  agentSales = await app.createUser(app.companyA, 'agent', 'Ana Vendas');
  agentSupport = await app.createUser(app.companyA, 'agent', 'Beto Suporte');
  agentIdle = await app.createUser(app.companyA, 'agent', 'Caio Inativo');
  agentOfB = await app.createUser(app.companyB, 'agent', 'Davi Outra Empresa');
  const queue = await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: app.companyA.adminToken,
    payload: { name: 'Vendas', userIds: [agentSales.id, supervisor.id] },
  });
  expect(queue.statusCode, queue.body).toBe(201);
  salesQueueId = queue.json<{ id: number }>().id;
  const off = await app.inject({
    method: 'PATCH',
    url: `/api/users/${agentIdle.id}`,
    token: app.companyA.adminToken,
    payload: { active: false },
  });
  expect(off.statusCode, off.body).toBe(200);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const post = (token: string, payload: object) => app.inject({ method: 'POST', url: '/api/announcements', token, payload });
const pending = async (token: string) =>
  (await app.inject({ method: 'GET', url: '/api/announcements/pending', token })).json<{ items: PendingAnnouncement[] }>().items;
const acks = async (token: string, id: number) => {
  const response = await app.inject({ method: 'GET', url: `/api/announcements/${id}/acks`, token });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: AnnouncementAck[] }>().items;
};
const ack = (token: string, id: number) => app.inject({ method: 'POST', url: `/api/announcements/${id}/ack`, token });

function collect<T>(socket: Socket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('posting', () => {
  it('lets admins and supervisors post, and refuses agents', async () => {
    const byAgent = await post(agentSales.token, { title: 'Oi', body: 'Teste', audience: { kind: 'everyone' } });
    expect(byAgent.statusCode).toBe(403);
    const bySupervisor = await post(supervisor.token, { title: 'Escala', body: 'Sábado tem plantão', audience: { kind: 'everyone' } });
    expect(bySupervisor.statusCode, bySupervisor.body).toBe(201);
    const created = bySupervisor.json<Announcement>();
    expect(created).toMatchObject({
      title: 'Escala',
      body: 'Sábado tem plantão',
      audience: { kind: 'everyone' },
      author: { id: supervisor.id, name: 'Sara Supervisora' },
      ackCount: 0,
    });
    // Everyone active but the author: the admin and the two active agents (not the deactivated one).
    expect(created.recipientCount).toBe(3);
  });

  it('answers 400 naming the field on bad input', async () => {
    const cases: [object, string][] = [
      [{ title: '  ', body: 'x', audience: { kind: 'everyone' } }, 'title'],
      [{ title: 'x', body: '', audience: { kind: 'everyone' } }, 'body'],
      [{ title: 'x', body: 'x', audience: { kind: 'users', userIds: [] } }, 'audience.userIds'],
      [{ title: 'x', body: 'x', audience: { kind: 'queue', queueId: 987654 } }, 'audience.queueId'],
      [{ title: 'x', body: 'x', audience: { kind: 'users', userIds: [agentOfB.id] } }, 'audience.userIds'],
      [{ title: 'x', body: 'x', audience: { kind: 'users', userIds: [agentIdle.id] } }, 'audience.userIds'],
      [{ title: 'x', body: 'x', audience: { kind: 'users', userIds: [app.companyA.adminId] } }, 'audience'],
      [{ title: 'x', body: 'x', audience: { kind: 'teams' } }, 'audience.kind'],
      [{ title: 'x', body: 'x', audience: { kind: 'everyone' }, expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      [{ title: 'x'.repeat(121), body: 'x', audience: { kind: 'everyone' } }, 'title'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(app.companyA.adminToken, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const error = response.json<{ error: { code: string; fields: Record<string, string> } }>().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(error.fields), JSON.stringify(payload)).toContain(field);
    }
    // A queue of another company is unknown here too (and nothing was stored for any of the above).
    const queueOfB = await app.inject({ method: 'POST', url: '/api/queues', token: app.companyB.adminToken, payload: { name: 'Fila B' } });
    const response = await post(app.companyA.adminToken, {
      title: 'x',
      body: 'x',
      audience: { kind: 'queue', queueId: queueOfB.json().id },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(['audience.queueId']);
  });
});

describe('audiences and live delivery', () => {
  it('everyone: every active user of the company but the author, on their own sockets only', async () => {
    const [admin, sup, sales, support, otherCompany, adminB] = await Promise.all([
      openSocket(baseUrl, app.companyA.adminToken, sockets),
      openSocket(baseUrl, supervisor.token, sockets),
      openSocket(baseUrl, agentSales.token, sockets),
      openSocket(baseUrl, agentSupport.token, sockets),
      openSocket(baseUrl, agentOfB.token, sockets),
      openSocket(baseUrl, app.companyB.adminToken, sockets),
    ]);
    const got = [admin, sup, sales, support, otherCompany, adminB].map((s) =>
      collect<{ announcement: PendingAnnouncement }>(s, 'announcement.created'),
    );
    const response = await post(app.companyA.adminToken, {
      title: 'Feriado',
      body: '<b>Sexta</b> não abrimos',
      audience: { kind: 'everyone' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id, recipientCount } = response.json<Announcement>();
    expect(recipientCount).toBe(3);
    await expect.poll(() => got[3]!.length).toBe(1);
    await settle();
    expect(got.map((list) => list.length)).toEqual([0, 1, 1, 1, 0, 0]);
    expect(got[2]![0]!.announcement).toMatchObject({ id, title: 'Feriado', body: '<b>Sexta</b> não abrimos' });
    expect((await pending(agentSupport.token)).map((a) => a.id)).toContain(id);
    expect((await pending(agentOfB.token)).map((a) => a.id)).not.toContain(id);
    expect((await pending(app.companyA.adminToken)).map((a) => a.id)).not.toContain(id);
  });

  it('queue: the members of the queue (agents and supervisors alike), nobody else', async () => {
    const [sales, support, sup] = await Promise.all([
      openSocket(baseUrl, agentSales.token, sockets),
      openSocket(baseUrl, agentSupport.token, sockets),
      openSocket(baseUrl, supervisor.token, sockets),
    ]);
    const [toSales, toSupport, toSup] = [
      collect(sales, 'announcement.created'),
      collect(support, 'announcement.created'),
      collect(sup, 'announcement.created'),
    ];
    const response = await post(app.companyA.adminToken, {
      title: 'Meta',
      body: 'Bater a meta',
      audience: { kind: 'queue', queueId: salesQueueId },
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<Announcement>();
    expect(created).toMatchObject({ recipientCount: 2, audience: { kind: 'queue', queueId: salesQueueId }, queueName: 'Vendas' });
    await expect.poll(() => toSales.length + toSup.length).toBe(2);
    await settle();
    expect(toSupport).toHaveLength(0);
    expect((await acks(app.companyA.adminToken, created.id)).map((a) => a.userId).sort()).toEqual([agentSales.id, supervisor.id].sort());
  });

  it('users: exactly the chosen ones', async () => {
    const [sales, support] = await Promise.all([
      openSocket(baseUrl, agentSales.token, sockets),
      openSocket(baseUrl, agentSupport.token, sockets),
    ]);
    const [toSales, toSupport] = [collect(sales, 'announcement.created'), collect(support, 'announcement.created')];
    const response = await post(supervisor.token, {
      title: 'Só você',
      body: 'Passe na sala',
      audience: { kind: 'users', userIds: [agentSupport.id] },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Announcement>()).toMatchObject({ recipientCount: 1, audience: { kind: 'users', userIds: [agentSupport.id] } });
    await expect.poll(() => toSupport.length).toBe(1);
    await settle();
    expect(toSales).toHaveLength(0);
  });
});

describe('acknowledgements', () => {
  it('lists who acknowledged and when for the sender, live, and an ack twice changes nothing', async () => {
    const response = await post(supervisor.token, {
      title: 'Treinamento',
      body: 'Amanhã 10h',
      audience: { kind: 'users', userIds: [agentSales.id, agentSupport.id] },
    });
    const { id } = response.json<Announcement>();
    const [author, admin, otherAgent, adminB] = await Promise.all([
      openSocket(baseUrl, supervisor.token, sockets),
      openSocket(baseUrl, app.companyA.adminToken, sockets),
      openSocket(baseUrl, agentSupport.token, sockets),
      openSocket(baseUrl, app.companyB.adminToken, sockets),
    ]);
    const [toAuthor, toAdmin, toOther, toB] = [author, admin, otherAgent, adminB].map((s) =>
      collect<AnnouncementAckedEvent>(s, 'announcement.acked'),
    ) as [AnnouncementAckedEvent[], AnnouncementAckedEvent[], AnnouncementAckedEvent[], AnnouncementAckedEvent[]];

    const before = Date.now();
    expect((await ack(agentSales.token, id)).statusCode).toBe(204);
    await expect.poll(() => toAuthor.length + toAdmin.length).toBe(2);
    expect(toAuthor[0]).toEqual({ announcementId: id, userId: agentSales.id, name: 'Ana Vendas', ackedAt: expect.any(String) });

    const list = await acks(supervisor.token, id);
    const sales = list.find((a) => a.userId === agentSales.id)!;
    expect(sales.name).toBe('Ana Vendas');
    expect(new Date(sales.ackedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(sales.seenAt).not.toBeNull();
    expect(list.find((a) => a.userId === agentSupport.id)).toMatchObject({ ackedAt: null });
    expect((await pending(agentSales.token)).map((a) => a.id)).not.toContain(id);
    expect((await pending(agentSupport.token)).map((a) => a.id)).toContain(id);

    // Again: still 204, same time, no second event.
    expect((await ack(agentSales.token, id)).statusCode).toBe(204);
    await settle();
    expect((await acks(supervisor.token, id)).find((a) => a.userId === agentSales.id)!.ackedAt).toBe(sales.ackedAt);
    expect(toAuthor).toHaveLength(1);
    expect(toAdmin).toHaveLength(1);
    expect(toOther).toHaveLength(0);
    expect(toB).toHaveLength(0);

    const listed = (await app.inject({ method: 'GET', url: '/api/announcements', token: supervisor.token })).json<{
      items: Announcement[];
    }>();
    expect(listed.items.find((a) => a.id === id)).toMatchObject({ recipientCount: 2, ackCount: 1, seenCount: 1 });
  });

  it('records when the banner first showed it', async () => {
    const { id } = (
      await post(app.companyA.adminToken, { title: 'Visto', body: 'x', audience: { kind: 'users', userIds: [agentSupport.id] } })
    ).json<Announcement>();
    expect((await app.inject({ method: 'POST', url: `/api/announcements/${id}/seen`, token: agentSupport.token })).statusCode).toBe(204);
    const [row] = await acks(app.companyA.adminToken, id);
    expect(row).toMatchObject({ userId: agentSupport.id, ackedAt: null, seenAt: expect.any(String) });
    expect((await app.inject({ method: 'POST', url: `/api/announcements/${id}/seen`, token: agentSales.token })).statusCode).toBe(404);
  });

  it('hides the read list from other supervisors and agents, and a non-recipient cannot ack', async () => {
    const other = await app.createUser(app.companyA, 'supervisor', 'Outro Supervisor');
    const { id } = (
      await post(supervisor.token, { title: 'Privado', body: 'x', audience: { kind: 'users', userIds: [agentSales.id] } })
    ).json<Announcement>();
    expect((await app.inject({ method: 'GET', url: `/api/announcements/${id}/acks`, token: other.token })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/announcements/${id}/acks`, token: agentSales.token })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/announcements/${id}/acks`, token: app.companyA.adminToken })).statusCode).toBe(
      200,
    );
    expect((await ack(agentSupport.token, id)).statusCode).toBe(404);
    const theirs = (await app.inject({ method: 'GET', url: '/api/announcements', token: other.token })).json<{ items: Announcement[] }>();
    expect(theirs.items).toHaveLength(0);
  });

  it('archiving takes it off the banners and tells the recipients', async () => {
    const { id } = (
      await post(app.companyA.adminToken, { title: 'Errado', body: 'x', audience: { kind: 'users', userIds: [agentSales.id] } })
    ).json<Announcement>();
    const sales = await openSocket(baseUrl, agentSales.token, sockets);
    const archived = collect<{ announcementId: number }>(sales, 'announcement.archived');
    const response = await app.inject({ method: 'POST', url: `/api/announcements/${id}/archive`, token: app.companyA.adminToken });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Announcement>().archivedAt).not.toBeNull();
    await expect.poll(() => archived).toEqual([{ announcementId: id }]);
    expect((await pending(agentSales.token)).map((a) => a.id)).not.toContain(id);
  });
});

describe('tenancy', () => {
  it("answers 404 for another company's announcement on every route", async () => {
    const { id } = (await post(app.companyA.adminToken, { title: 'Só A', body: 'x', audience: { kind: 'everyone' } })).json<Announcement>();
    const token = app.companyB.adminToken;
    for (const [method, url] of [
      ['GET', `/api/announcements/${id}`],
      ['GET', `/api/announcements/${id}/acks`],
      ['POST', `/api/announcements/${id}/ack`],
      ['POST', `/api/announcements/${id}/seen`],
      ['POST', `/api/announcements/${id}/archive`],
    ] as const) {
      const response = await app.inject({ method, url, token });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('ANNOUNCEMENT_NOT_FOUND');
    }
    const listOfB = (await app.inject({ method: 'GET', url: '/api/announcements', token })).json<{ items: Announcement[] }>();
    expect(listOfB.items.map((a) => a.id)).not.toContain(id);
    const ackedByB = await ack(agentOfB.token, id);
    expect(ackedByB.statusCode).toBe(404);
  });

  it('keeps announcements out of the customer conversations', async () => {
    const { rows } = await app.server.database.pool.query<{ n: number }>(
      `select count(*)::int as n from messages where body in ('Sábado tem plantão', 'Bater a meta', 'Amanhã 10h')`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
