import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { openSocket } from './harness.js';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';

let app: ConversationApp;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startConversationApp();
  baseUrl = await app.server.listen();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

// the server joins queue rooms asynchronously after connect; openSocket waits for that
const open = (token: string) => openSocket(baseUrl, token, sockets);

function record(socket: Socket) {
  const events: { event: string; payload: { ticket?: { id: number }; ticketId?: number; message?: { body: string; status: string } } }[] =
    [];
  socket.onAny((event, payload) => events.push({ event, payload }));
  return events;
}

describe('conversation events', () => {
  it("reach the agents of the ticket's queue and the managers, never another company", async () => {
    const salesAgent = await app.createUser(app.companyA, 'agent');
    const supportAgent = await app.createUser(app.companyA, 'agent');
    const sales = await app.inject({
      method: 'POST',
      url: '/api/queues',
      token: app.companyA.adminToken,
      payload: { name: 'Vendas', userIds: [salesAgent.id] },
    });
    await app.inject({
      method: 'POST',
      url: '/api/queues',
      token: app.companyA.adminToken,
      payload: { name: 'Suporte', userIds: [supportAgent.id] },
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/connections/${app.cloudConnectionId}`,
      token: app.companyA.adminToken,
      payload: { defaultQueueId: sales.json().id },
    });

    const [salesSocket, supportSocket, adminSocket, otherCompany] = await Promise.all([
      open(salesAgent.token),
      open(supportAgent.token),
      open(app.companyA.adminToken),
      open(app.companyB.adminToken),
    ]);
    const salesEvents = record(salesSocket);
    const supportEvents = record(supportSocket);
    const adminEvents = record(adminSocket);
    const otherEvents = record(otherCompany);

    const started = performance.now();
    expect((await app.postWebhook(textWebhook('5511988880001', 'quero comprar').body)).statusCode).toBe(200);
    await expect
      .poll(() => salesEvents.map((e) => e.event), { timeout: 3000 })
      .toEqual(expect.arrayContaining(['ticket.created', 'message.created']));
    const latency = performance.now() - started;
    expect(latency).toBeLessThan(3000);
    const created = salesEvents.find((e) => e.event === 'message.created')!;
    expect(created.payload.message).toMatchObject({ body: 'quero comprar', status: 'delivered' });
    await expect.poll(() => adminEvents.some((e) => e.event === 'message.created'), { timeout: 3000 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(supportEvents.filter((e) => e.event.startsWith('ticket.') || e.event.startsWith('message.'))).toEqual([]);
    expect(otherEvents.filter((e) => e.event.startsWith('ticket.') || e.event.startsWith('message.'))).toEqual([]);

    // moving the ticket to Suporte tells Vendas to drop it and Suporte to show it
    const ticketId = created.payload.ticketId!;
    await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticketId}/transfer`,
      token: app.companyA.adminToken,
      payload: {
        queueId: (await app.inject({ method: 'GET', url: '/api/queues', token: app.companyA.adminToken }))
          .json()
          .items.find((q: { name: string }) => q.name === 'Suporte').id,
      },
    });
    await expect
      .poll(() => salesEvents.some((e) => e.event === 'ticket.removed' && e.payload.ticketId === ticketId), { timeout: 3000 })
      .toBe(true);
    await expect
      .poll(() => supportEvents.some((e) => e.event === 'ticket.updated' && e.payload.ticket?.id === ticketId), { timeout: 3000 })
      .toBe(true);
  });

  it('follow a queue membership change on an open socket, without reconnecting', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const created = await app.inject({
      method: 'POST',
      url: '/api/queues',
      token: app.companyA.adminToken,
      payload: { name: 'Financeiro', userIds: [] },
    });
    const queueId = created.json().id as number;
    await app.inject({
      method: 'PATCH',
      url: `/api/connections/${app.cloudConnectionId}`,
      token: app.companyA.adminToken,
      payload: { defaultQueueId: queueId },
    });
    const socket = await open(agent.token);
    const events = record(socket);
    const sawMessage = (body: string) => events.some((e) => e.event === 'message.created' && e.payload.message?.body === body);
    const setMembers = async (userIds: number[]) => {
      const saved = await app.inject({
        method: 'PUT',
        url: `/api/queues/${queueId}`,
        token: app.companyA.adminToken,
        payload: { name: 'Financeiro', userIds },
      });
      expect(saved.statusCode).toBe(200);
    };

    await setMembers([agent.id]);
    await expect
      .poll(
        async () => {
          // Each try writes anew: the join happens right after the queue's commit, asynchronously.
          await app.postWebhook(textWebhook('5511988880002', 'segunda via do boleto').body);
          return sawMessage('segunda via do boleto');
        },
        { timeout: 5000 },
      )
      .toBe(true);

    await setMembers([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    events.length = 0;
    expect((await app.postWebhook(textWebhook('5511988880002', 'ainda aguardo').body)).statusCode).toBe(200);
    await expect
      .poll(
        () => app.inject({ method: 'GET', url: '/api/tickets?q=ainda', token: app.companyA.adminToken }).then((r) => r.json().items.length),
        { timeout: 3000 },
      )
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sawMessage('ainda aguardo')).toBe(false);
  });
});
