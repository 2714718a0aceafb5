import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { withTransaction } from '../src/infra/db/index.js';
import { openSocket } from './harness.js';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';

let app: ConversationApp;
let baseUrl: string;
const sockets: Socket[] = [];
/** The assignment clock: real time unless a test sets it. */
let clock: Date | null = null;

beforeAll(async () => {
  app = await startConversationApp({}, { now: () => clock ?? new Date() });
  baseUrl = await app.server.listen();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

type Agent = Awaited<ReturnType<ConversationApp['createUser']>>;
const admin = () => app.companyA.adminToken;
const post = (url: string, token: string, payload?: object) => app.inject({ method: 'POST', url, token, ...(payload && { payload }) });
/**
 * Opens a socket and waits until presence has recorded it: the row is written just after the
 * handshake, so a request sent the same instant may still see the agent offline.
 */
async function online(agent: Agent): Promise<Socket> {
  const socket = await openSocket(baseUrl, agent.token, sockets);
  await waitFor(
    () => app.server.services.presence.onlineUserIds(app.server.database.pool, app.companyA.id, [agent.id]),
    (set) => set.has(agent.id),
    'agent online',
  );
  return socket;
}
let phoneCounter = 0;

async function agents(n: number, maxOpenTickets?: number): Promise<Agent[]> {
  const list: Agent[] = [];
  for (let i = 0; i < n; i++) {
    const agent = await app.createUser(app.companyA, 'agent');
    if (maxOpenTickets !== undefined) {
      const patched = await app.inject({ method: 'PATCH', url: `/api/users/${agent.id}`, token: admin(), payload: { maxOpenTickets } });
      expect(patched.json()).toMatchObject({ maxOpenTickets });
    }
    list.push(agent);
  }
  return list.sort((a, b) => a.id - b.id);
}

async function queue(assignmentMode: string, members: Agent[], extra: object = {}): Promise<number> {
  const response = await post('/api/queues', admin(), {
    name: `Fila ${Date.now()}-${phoneCounter++}`,
    assignmentMode,
    userIds: members.map((m) => m.id),
    ...extra,
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

/** A customer writes: a pending ticket without a queue. */
async function customerWrites(): Promise<number> {
  const phone = `55119700${String(phoneCounter++).padStart(5, '0')}`;
  expect((await app.postWebhook(textWebhook(phone, 'oi').body)).statusCode).toBe(200);
  const list = await app.inject({ method: 'GET', url: `/api/tickets?q=${phone}`, token: admin() });
  const found = list.json().items.find((t: { contact: { phone: string } }) => t.contact.phone === `+${phone}`);
  expect(found).toBeDefined();
  return found.id;
}

/** A customer writes, then an admin puts the ticket in the queue (what routing will do). */
async function ticketIn(queueId: number): Promise<number> {
  const id = await customerWrites();
  const moved = await post(`/api/tickets/${id}/transfer`, admin(), { queueId });
  expect(moved.statusCode).toBe(200);
  return id;
}

const ticket = async (id: number) => (await app.inject({ method: 'GET', url: `/api/tickets/${id}`, token: admin() })).json();

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const assignedTo = (id: number) =>
  waitFor(
    () => ticket(id),
    (t) => t.status === 'open',
    `ticket ${id} assigned`,
  );
/** Lets every queued assignment job finish, then checks the ticket still waits. */
async function stillWaiting(id: number) {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await ticket(id)).toMatchObject({ status: 'pending', userId: null });
}

async function assignedEvents(ticketId: number) {
  const { rows } = await app.server.database.pool.query<{ data: { by: string; userId: number } }>(
    `select data from ticket_events where ticket_id = $1 and kind = 'assigned' order by id`,
    [ticketId],
  );
  return rows.map((r) => r.data);
}

describe('automatic assignment', () => {
  it('round-robin over the online agents, skipping the offline one', async () => {
    const [a, b, offline, c] = await agents(4);
    await Promise.all([online(a!), online(b!), online(c!)]);
    const q = await queue('round_robin', [a!, b!, offline!, c!]);
    const got: number[] = [];
    for (let i = 0; i < 4; i++) got.push((await assignedTo(await ticketIn(q))).userId);
    expect(got).toEqual([a!.id, b!.id, c!.id, a!.id]);
  });

  it('records who assigned, and the agent hears about the ticket', async () => {
    const [a] = await agents(1);
    const socket = await online(a!);
    const heard = new Promise<{ ticket: { id: number; userId: number } }>((resolve) =>
      socket.on('ticket.updated', (payload) => {
        if (payload.ticket.userId === a!.id) resolve(payload);
      }),
    );
    const id = await ticketIn(await queue('round_robin', [a!]));
    expect((await assignedTo(id)).userId).toBe(a!.id);
    expect((await heard).ticket.id).toBe(id);
    expect(await assignedEvents(id)).toEqual([{ by: 'round_robin', userId: a!.id }]);
  });

  it('respects capacity; a closed ticket frees room for the next waiting one', async () => {
    const [a, b] = await agents(2, 1);
    await Promise.all([online(a!), online(b!)]);
    const q = await queue('round_robin', [a!, b!]);
    const first = await assignedTo(await ticketIn(q));
    const second = await assignedTo(await ticketIn(q));
    expect([first.userId, second.userId].sort()).toEqual([a!.id, b!.id].sort());
    const third = await ticketIn(q);
    await stillWaiting(third);
    const closer = first.userId === a!.id ? a! : b!;
    expect((await post(`/api/tickets/${first.id}/close`, closer.token, {})).statusCode).toBe(200);
    expect((await assignedTo(third)).userId).toBe(closer.id);
  });

  it('a raised capacity takes the waiting ticket', async () => {
    const [a] = await agents(1, 1);
    await online(a!);
    const q = await queue('least_busy', [a!]);
    await assignedTo(await ticketIn(q));
    const waiting = await ticketIn(q);
    await stillWaiting(waiting);
    await app.inject({ method: 'PATCH', url: `/api/users/${a!.id}`, token: admin(), payload: { maxOpenTickets: 2 } });
    expect((await assignedTo(waiting)).userId).toBe(a!.id);
  });

  it('a waiting ticket goes to an agent the moment they come online', async () => {
    const [a] = await agents(1);
    const id = await ticketIn(await queue('round_robin', [a!]));
    await stillWaiting(id);
    await online(a!);
    expect((await assignedTo(id)).userId).toBe(a!.id);
  });

  it('an agent whose sockets all closed is offline again', async () => {
    const [a] = await agents(1);
    const socket = await online(a!);
    socket.disconnect();
    await waitFor(
      () => app.server.services.presence.onlineUserIds(app.server.database.pool, app.companyA.id, [a!.id]),
      (set) => set.size === 0,
      'agent offline',
    );
    await stillWaiting(await ticketIn(await queue('round_robin', [a!])));
  });

  it('least-busy picks the agent with the fewest open tickets', async () => {
    const [a, b, c] = await agents(3);
    await Promise.all([online(a!), online(b!), online(c!)]);
    // a: 2 open, b: 0, c: 1, given by hand in a manual queue.
    const manual = await queue('manual', [a!, b!, c!]);
    for (const owner of [a!, a!, c!]) {
      const id = await ticketIn(manual);
      expect((await post(`/api/tickets/${id}/transfer`, admin(), { userId: owner.id })).json()).toMatchObject({ userId: owner.id });
    }
    const q = await queue('least_busy', [a!, b!, c!]);
    expect((await assignedTo(await ticketIn(q))).userId).toBe(b!.id);
    // b and c now have 1 each: the tie goes to the lower id.
    expect((await assignedTo(await ticketIn(q))).userId).toBe(Math.min(b!.id, c!.id));
  });

  it('the minute sweep assigns a ticket whose trigger was lost', async () => {
    const [a] = await agents(1);
    await online(a!);
    const q = await queue('round_robin', [a!]);
    const id = await customerWrites();
    // Behind the server's back: no event, as if the node that moved it had crashed before publishing.
    await app.server.database.pool.query('update tickets set queue_id = $1 where id = $2', [q, id]);
    await stillWaiting(id);
    await app.server.database.pool.query(`update pgboss.job set start_after = now() where singleton_key = 'sweep' and state = 'created'`);
    expect((await assignedTo(id)).userId).toBe(a!.id);
  });

  it('out of hours nothing is assigned; the job at the opening hands the ticket out', async () => {
    const [a] = await agents(1);
    await online(a!);
    const schedule = { timeZone: 'America/Sao_Paulo', weekly: { mon: [{ start: '09:00', end: '18:00' }] } };
    const q = await queue('round_robin', [a!], { schedule });
    clock = new Date('2030-01-06T15:00:00Z'); // a Sunday, noon in São Paulo
    try {
      const id = await ticketIn(q);
      await stillWaiting(id);
      // Monday 09:00 in São Paulo (UTC−3) is when the waiting list is worked through.
      const opening = await app.server.database.pool.query<{ start_after: Date }>(
        `select start_after from pgboss.job where name = 'tickets.assign-waiting' and singleton_key = $1 and state = 'created'`,
        [`queue:${q}@2030-01-07T12:00:00.000Z`],
      );
      expect(opening.rows[0]?.start_after.toISOString()).toBe('2030-01-07T12:00:00.000Z');
      clock = new Date('2030-01-07T12:00:30Z');
      // Time travel for the queue: the opening job becomes due now.
      await app.server.database.pool.query(`update pgboss.job set start_after = now() where singleton_key = $1`, [
        `queue:${q}@2030-01-07T12:00:00.000Z`,
      ]);
      expect((await assignedTo(id)).userId).toBe(a!.id);
    } finally {
      clock = null;
    }
  });
});

describe('concurrent assignment', () => {
  /**
   * Tickets waiting in a round-robin queue that no job has looked at: created unqueued, then queue
   * and mode set in one statement behind the server's back, so no event starts a waiting-list run.
   */
  async function waitingTickets(members: Agent[], n: number) {
    const q = await queue('manual', members);
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(await customerWrites());
    // The run the queue's creation started must be over (it found a manual queue).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await waitFor(
      async () =>
        (
          await app.server.database.pool.query(
            `select 1 from pgboss.job where name = 'tickets.assign-waiting' and singleton_key = $1 and state < 'completed'`,
            [`queue:${q}`],
          )
        ).rowCount,
      (count) => count === 0,
      'waiting-list jobs settled',
    );
    await app.server.database.pool.query(
      `with t as (update tickets set queue_id = $1 where id = any($2::bigint[])) update queues set assignment_mode = 'round_robin' where id = $1`,
      [q, ids],
    );
    return { q, ids };
  }
  const assignIn = (ticketId: number) =>
    withTransaction(app.server.database.pool, (client) => app.server.services.assignment.assignIn(client, app.companyA.id, ticketId)).then(
      (result) => result.value,
    );

  it('never gives one ticket to two agents, nor two tickets the same round-robin turn', async () => {
    const [a, b] = await agents(2);
    await Promise.all([online(a!), online(b!)]);
    const { ids } = await waitingTickets([a!, b!], 2);
    const [first, second] = ids as [number, number];
    const sameTicket = await Promise.all([assignIn(first), assignIn(first)]);
    expect(sameTicket.filter((t) => t !== null)).toHaveLength(1);
    expect(await assignedEvents(first)).toHaveLength(1);
    const other = await assignIn(second);
    expect(other?.userId).not.toBe(sameTicket.find((t) => t !== null)?.userId);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('waits for the queue lock held by another transaction (PostgreSQL)', async () => {
    const [a, b] = await agents(2);
    await Promise.all([online(a!), online(b!)]);
    const { q, ids } = await waitingTickets([a!, b!], 3);
    const holder = new pg.Client({ connectionString: app.server.config.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from queues where id = $1 for update', [q]);
      let finished = false;
      const running = assignIn(ids[0]!).then((t) => {
        finished = true;
        return t;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      await holder.query('commit');
      expect((await running)?.status).toBe('open');
    } finally {
      await holder.end();
    }
    // Two at once on real connections: each sees the cursor the other moved.
    const [x, y] = await Promise.all([assignIn(ids[1]!), assignIn(ids[2]!)]);
    expect([x?.userId, y?.userId].sort()).toEqual([a!.id, b!.id].sort());
  });
});

describe('transfer notification', () => {
  it('tells the receiving agent who sent it and why; a queue transfer tells the queue', async () => {
    const [from, to, member] = await agents(3);
    const [, toSocket, memberSocket] = await Promise.all([online(from!), online(to!), online(member!)]);
    const manual = await queue('manual', [from!]);
    const id = await ticketIn(manual);
    await post(`/api/tickets/${id}/transfer`, admin(), { userId: from!.id });

    const heard = new Promise<{ ticket: { id: number }; from: { id: number; name: string }; note: string | null }>((resolve) =>
      toSocket.once('ticket.transferred', resolve),
    );
    const moved = await post(`/api/tickets/${id}/transfer`, from!.token, { userId: to!.id, note: 'cliente VIP' });
    expect(moved.statusCode).toBe(200);
    const event = await heard;
    expect(event).toMatchObject({ ticket: { id }, from: { id: from!.id }, note: 'cliente VIP' });
    expect(event.from.name).toMatch(/^agent /);

    const target = await queue('manual', [member!]);
    const queueHeard = new Promise<{ note: string | null }>((resolve) => memberSocket.once('ticket.transferred', resolve));
    await post(`/api/tickets/${id}/transfer`, to!.token, { queueId: target, userId: null });
    expect(await queueHeard).toMatchObject({ from: { id: to!.id }, note: null });
  });

  it('availability lists who is online with their load', async () => {
    const [a, b] = await agents(2, 3);
    await online(a!);
    const response = await app.inject({ method: 'GET', url: '/api/users/availability', token: admin() });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { userId: number; online: boolean; openTickets: number; maxOpenTickets: number | null }[];
    expect(items.find((i) => i.userId === a!.id)).toEqual({ userId: a!.id, online: true, openTickets: 0, maxOpenTickets: 3 });
    expect(items.find((i) => i.userId === b!.id)).toMatchObject({ online: false });
    expect((await app.inject({ method: 'GET', url: '/api/users/availability', token: a!.token })).statusCode).toBe(403);
  });
});
