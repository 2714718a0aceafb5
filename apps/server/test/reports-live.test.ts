import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { openSocket, startTestApp, type TestApp, type TestCompany } from './harness.js';

let app: TestApp;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  baseUrl = await app.server.listen();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

interface Live {
  queues: { queueId: number | null; name: string; color: string | null; waiting: number; oldestWaitingSince: string | null }[];
  agents: { userId: number; name: string; status: string; openTickets: number; capacity: number | null }[];
}

const sql = (text: string, params: unknown[] = []) => app.server.database.pool.query(text, params);
let seq = 0;

async function connectionOf(company: TestCompany): Promise<number> {
  const { rows } = await sql(`insert into connections (company_id, type, name) values ($1, 'webchat', $2) returning id`, [
    company.id,
    `Site ${seq++}`,
  ]);
  return Number(rows[0].id);
}

async function queueOf(company: TestCompany, name: string): Promise<number> {
  const { rows } = await sql(`insert into queues (company_id, name, color) values ($1, $2, '#123456') returning id`, [company.id, name]);
  return Number(rows[0].id);
}

/** A ticket in a given state that was created `minutesAgo`; one contact each (one live ticket per contact). */
async function ticket(
  company: TestCompany,
  connectionId: number,
  opts: { status: string; queueId?: number | null; userId?: number | null; minutesAgo: number },
): Promise<number> {
  const contact = await sql(`insert into contacts (company_id, name) values ($1, $2) returning id`, [company.id, `Cliente ${seq++}`]);
  const { rows } = await sql(
    `insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status, created_at)
     values ($1, $2, $3, $4, $5, $6, now() - make_interval(mins => $7)) returning id`,
    [company.id, contact.rows[0].id, connectionId, opts.queueId ?? null, opts.userId ?? null, opts.status, opts.minutesAgo],
  );
  return Number(rows[0].id);
}

async function event(company: TestCompany, ticketId: number, kind: string, minutesAgo: number): Promise<void> {
  await sql(`insert into ticket_events (company_id, ticket_id, kind, created_at) values ($1, $2, $3, now() - make_interval(mins => $4))`, [
    company.id,
    ticketId,
    kind,
    minutesAgo,
  ]);
}

const minutesAgo = (iso: string | null) => (iso === null ? null : Math.round((Date.now() - Date.parse(iso)) / 60_000));

describe('GET /api/reports/live', () => {
  it('counts waiting tickets per queue and unqueued, with the oldest wait, and agents with load and capacity', async () => {
    const company = await app.createCompany(`Live ${seq++}`);
    const connectionId = await connectionOf(company);
    const sales = await queueOf(company, 'Vendas');
    const support = await queueOf(company, 'Suporte');
    const empty = await queueOf(company, 'Vazia');
    const agent = await app.createUser(company, 'agent', 'Ana Agente');
    const idle = await app.createUser(company, 'agent', 'Beto Offline');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/users/${agent.id}`,
      token: company.adminToken,
      payload: { maxOpenTickets: 4 },
    });
    expect(patched.statusCode).toBe(200);

    await ticket(company, connectionId, { status: 'pending', queueId: sales, minutesAgo: 30 });
    await ticket(company, connectionId, { status: 'pending', queueId: sales, minutesAgo: 5 });
    // Created two hours ago but the bot handed it to the queue 12 minutes ago: it has waited 12 minutes.
    const routed = await ticket(company, connectionId, { status: 'pending', queueId: support, minutesAgo: 120 });
    await event(company, routed, 'created', 120);
    await event(company, routed, 'queue-assigned', 12);
    await ticket(company, connectionId, { status: 'pending', queueId: null, minutesAgo: 45 });
    // Not waiting: the bot still talks, an agent has it, it is closed.
    await ticket(company, connectionId, { status: 'bot', queueId: sales, minutesAgo: 300 });
    await ticket(company, connectionId, { status: 'open', queueId: sales, userId: agent.id, minutesAgo: 400 });
    await ticket(company, connectionId, { status: 'open', queueId: support, userId: agent.id, minutesAgo: 400 });
    await ticket(company, connectionId, { status: 'closed', queueId: sales, minutesAgo: 500 });

    const socket = await openSocket(baseUrl, agent.token, sockets);
    expect(socket.connected).toBe(true);
    await waitForOnline(company, agent.id);

    const response = await app.inject({ method: 'GET', url: '/api/reports/live', token: company.adminToken });
    expect(response.statusCode).toBe(200);
    const live = response.json<Live>();
    const byQueue = new Map(live.queues.map((q) => [q.queueId, q]));
    expect(live.queues).toHaveLength(4);
    expect(byQueue.get(sales)).toMatchObject({ name: 'Vendas', color: '#123456', waiting: 2 });
    expect(minutesAgo(byQueue.get(sales)!.oldestWaitingSince)).toBe(30);
    expect(byQueue.get(support)).toMatchObject({ waiting: 1 });
    expect(minutesAgo(byQueue.get(support)!.oldestWaitingSince)).toBe(12);
    expect(byQueue.get(empty)).toMatchObject({ waiting: 0, oldestWaitingSince: null });
    expect(byQueue.get(null)).toMatchObject({ name: '', waiting: 1 });
    expect(minutesAgo(byQueue.get(null)!.oldestWaitingSince)).toBe(45);

    const byAgent = new Map(live.agents.map((a) => [a.userId, a]));
    expect(byAgent.get(agent.id)).toEqual({ userId: agent.id, name: 'Ana Agente', status: 'online', openTickets: 2, capacity: 4 });
    expect(byAgent.get(idle.id)).toEqual({ userId: idle.id, name: 'Beto Offline', status: 'offline', openTickets: 0, capacity: null });
    // Online first.
    expect(live.agents[0]!.userId).toBe(agent.id);
  });

  it('answers supervisors, refuses agents', async () => {
    const supervisor = await app.createUser(app.companyA, 'supervisor');
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'GET', url: '/api/reports/live', token: supervisor.token })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'GET', url: '/api/reports/live', token: agent.token });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: expect.any(String) } });
    expect((await app.inject({ method: 'GET', url: '/api/reports/live' })).statusCode).toBe(401);
  });

  it("never shows another company's tickets, queues or agents", async () => {
    const connectionB = await connectionOf(app.companyB);
    const queueB = await queueOf(app.companyB, 'Fila de B');
    const agentB = await app.createUser(app.companyB, 'agent', 'Agente de B');
    await ticket(app.companyB, connectionB, { status: 'pending', queueId: queueB, minutesAgo: 10 });
    await ticket(app.companyB, connectionB, { status: 'pending', queueId: null, minutesAgo: 999 });

    const live = (await app.inject({ method: 'GET', url: '/api/reports/live', token: app.companyA.adminToken })).json<Live>();
    expect(live.queues.map((q) => q.queueId)).not.toContain(queueB);
    expect(live.queues.find((q) => q.queueId === null)).toEqual({
      queueId: null,
      name: '',
      color: null,
      waiting: 0,
      oldestWaitingSince: null,
    });
    expect(live.agents.map((a) => a.userId)).not.toContain(agentB.id);

    const liveB = (await app.inject({ method: 'GET', url: '/api/reports/live', token: app.companyB.adminToken })).json<Live>();
    expect(liveB.queues.find((q) => q.queueId === queueB)).toMatchObject({ waiting: 1 });
    expect(liveB.queues.find((q) => q.queueId === null)).toMatchObject({ waiting: 1 });
  });
});

async function waitForOnline(company: TestCompany, userId: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const online = await app.server.services.presence.onlineUserIds(app.server.database.pool, company.id, [userId]);
    if (online.has(userId)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('agent never came online');
}
