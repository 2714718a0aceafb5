import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { openSocket } from './harness.js';
import { createQueue, eventKinds, eventually, patchSettings, setMenu, ticketOfPhone } from './pipeline.harness.js';

/**
 * Role × queue × status: what each user may open, list and hear on their socket must be the same
 * set (tickets/visibility.ts derives all three; this checks the wiring end to end).
 */
describe('visibility matrix: lists, single reads and socket rooms agree', () => {
  let app: ConversationApp;
  const sockets: Socket[] = [];
  const heard = new Map<string, Set<number>>();
  let users: Record<'agentA' | 'agentB' | 'supervisorA' | 'admin', { id: number; token: string }>;
  const tickets: Record<string, number> = {};

  beforeAll(async () => {
    app = await startConversationApp();
    const baseUrl = await app.server.listen();
    const agentA = await app.createUser(app.companyA, 'agent', 'Ana (A)');
    const agentB = await app.createUser(app.companyA, 'agent', 'Bruno (B)');
    const supervisorA = await app.createUser(app.companyA, 'supervisor', 'Sara (sup A)');
    users = { agentA, agentB, supervisorA, admin: { id: app.companyA.adminId, token: app.companyA.adminToken } };
    const queueA = await createQueue(app, app.companyA, 'Fila A', [agentA.id, supervisorA.id]);
    const queueB = await createQueue(app, app.companyA, 'Fila B', [agentB.id]);

    for (const [name, user] of Object.entries(users)) {
      const socket = await openSocket(baseUrl, user.token, sockets);
      const set = new Set<number>();
      heard.set(name, set);
      for (const event of ['ticket.created', 'ticket.updated'] as const)
        socket.on(event, ({ ticket }: { ticket: { id: number } }) => set.add(ticket.id));
    }

    const arrive = async (phone: string) => {
      expect((await app.postWebhook(textWebhook(phone, 'oi').body)).statusCode).toBe(200);
      // Wait for the runner to have decided (menu, queue or none) before the test changes the menu again.
      return eventually(async () => {
        const found = await ticketOfPhone(app, phone);
        const decided =
          found && (await eventKinds(app, found.id)).some((kind) => ['menu-sent', 'queue-assigned', 'left-unqueued'].includes(kind));
        return decided && found;
      }, `ticket of ${phone}`);
    };
    await setMenu(app, app.companyA.id, app.cloudConnectionId, [queueA.id]);
    tickets.pendingA = (await arrive('5511900000101')).id;
    tickets.openA = (await arrive('5511900000102')).id;
    const accepted = await app.inject({ method: 'POST', url: `/api/tickets/${tickets.openA}/accept`, token: agentA.token });
    expect(accepted.statusCode).toBe(200);
    await setMenu(app, app.companyA.id, app.cloudConnectionId, [queueB.id]);
    tickets.pendingB = (await arrive('5511900000103')).id;
    await setMenu(app, app.companyA.id, app.cloudConnectionId, [queueA.id, queueB.id]);
    tickets.bot = (await arrive('5511900000104')).id;
    await setMenu(app, app.companyA.id, app.cloudConnectionId, []);
    tickets.unqueued = (await arrive('5511900000105')).id;
    await eventually(async () => heard.get('admin')!.size >= 5, 'the admin hearing every ticket');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }, 90_000);
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app.close();
  });

  const expected: Record<string, string[]> = {
    agentA: ['pendingA', 'openA', 'unqueued'],
    agentB: ['pendingB', 'unqueued'],
    supervisorA: ['pendingA', 'openA', 'bot', 'unqueued'],
    admin: ['pendingA', 'openA', 'pendingB', 'bot', 'unqueued'],
  };

  it.each(Object.keys(expected))('%s: single reads, the list and the socket see the same tickets', async (who) => {
    const user = users[who as keyof typeof users];
    const visible = Object.keys(tickets).filter((name) => expected[who]!.includes(name));
    for (const [name, id] of Object.entries(tickets)) {
      const read = await app.inject({ method: 'GET', url: `/api/tickets/${id}`, token: user.token });
      expect(read.statusCode, `${who} GET ${name}`).toBe(visible.includes(name) ? 200 : 404);
    }
    const listed = new Set<number>();
    for (const status of ['bot', 'pending', 'open', 'closed']) {
      const list = await app.inject({ method: 'GET', url: `/api/tickets?status=${status}&limit=100`, token: user.token });
      for (const item of list.json<{ items: { id: number }[] }>().items) listed.add(item.id);
    }
    const names = (ids: Iterable<number>) =>
      Object.entries(tickets)
        .filter(([, id]) => [...ids].includes(id))
        .map(([name]) => name)
        .sort();
    expect(names(listed), `${who} lists`).toEqual([...visible].sort());
    expect(names(heard.get(who)!), `${who} hears`).toEqual([...visible].sort());
  });

  it('with unqueued tickets hidden from agents, only managers list them', async () => {
    await patchSettings(app, app.companyA.id, { routing: { unqueuedVisibleToAgents: false } });
    const read = (token: string) => app.inject({ method: 'GET', url: `/api/tickets/${tickets.unqueued}`, token });
    expect((await read(users.agentA.token)).statusCode).toBe(404);
    expect((await read(users.supervisorA.token)).statusCode).toBe(200);
    expect((await read(users.admin.token)).statusCode).toBe(200);
  });
});
