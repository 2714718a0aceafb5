import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';

/**
 * Through the real pipeline: a customer writes in (Cloud webhook → ingest), an agent accepts,
 * answers and closes over HTTP, and the running aggregator (nudged by the local events, no test
 * hook) brings "today" up to date.
 */
let app: ConversationApp;
let agent: { id: number; token: string };

beforeAll(async () => {
  app = await startConversationApp();
  agent = await app.createUser(app.companyA, 'agent', 'Ana');
});
afterAll(async () => {
  await app?.close();
});

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('reports fed by the live pipeline', () => {
  it('counts a conversation handled through the API within moments', async () => {
    expect((await app.postWebhook(textWebhook('5511970000001', 'oi, preciso de ajuda').body)).statusCode).toBe(200);
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === '+5511970000001')!;
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, token: agent.token, payload });
    expect((await post(`/api/tickets/${ticket.id}/accept`, {})).statusCode).toBe(200);
    expect((await post(`/api/tickets/${ticket.id}/messages`, { body: 'Olá! Como posso ajudar?' })).statusCode).toBe(201);
    expect((await post(`/api/tickets/${ticket.id}/close`, {})).statusCode).toBe(200);

    const read = async () =>
      (await app.inject({ method: 'GET', url: '/api/reports/overview?period=today', token: app.companyA.adminToken })).json<{
        totals: Record<string, number>;
        durations: Record<'firstResponse' | 'handling' | 'resolution', { count: number }>;
        series: { opened: number }[];
        range: { bucket: string };
      }>();
    const body = await eventually(read, (b) => b.totals.ticketsClosed === 1);
    expect(body.range.bucket).toBe('hour');
    expect(body.series).toHaveLength(24);
    expect(body.totals).toMatchObject({ ticketsOpened: 1, ticketsClosed: 1, messagesIn: 1, messagesOut: 1, pendingNow: 0 });
    expect(body.durations.firstResponse.count).toBe(1);
    expect(body.durations.handling.count).toBe(1);
    expect(body.durations.resolution.count).toBe(1);
    const agents = (
      await app.inject({ method: 'GET', url: `/api/reports/agents?period=today&userId=${agent.id}`, token: app.companyA.adminToken })
    ).json();
    expect(agents.items[0]).toMatchObject({ userId: agent.id, ticketsClosed: 1, ticketsAssigned: 1, messagesOut: 1 });
  });
});
