import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { attachFlow, graphOf, sessionsOf } from './flows-runtime.harness.js';
import { createQueue, eventKinds, eventually, ticketOfPhone } from './pipeline.harness.js';

/**
 * A trial that runs out (SAAS=on): the sweep makes the company read-only; customers' messages are
 * still stored and listed, but the service flow does not run, agents cannot send and queued sends are
 * held; paying (status active) lets the held sends go out and the flow answers new conversations again.
 */
let app: ConversationApp;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = async (phone: string, text: string) => expect((await app.postWebhook(textWebhook(phone, text).body)).statusCode).toBe(200);
const sentTo = (phone: string) => app.graph.sentMessages().filter((m) => m.to === phone);
const textsTo = (phone: string, text: string) => sentTo(phone).filter((m) => (m.body.text as { body?: string } | undefined)?.body === text);
const GREETING = 'Olá! Sou o assistente da loja.';
const companyStatus = async () =>
  (await app.inject({ method: 'GET', url: '/api/me', token: app.companyA.adminToken })).json<{ company: { status: string } }>().company
    .status;

beforeAll(async () => {
  app = await startConversationApp();
  const sales = await createQueue(app, app.companyA, 'Vendas');
  const flow = graphOf(
    [
      ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }],
      ['greet', 'message', { text: GREETING }],
      ['done', 'transfer', { queueId: String(sales.id) }],
    ],
    [
      ['start', 'next', 'greet'],
      ['greet', 'next', 'done'],
    ],
  );
  await attachFlow(app, app.companyA, app.cloudConnectionId, flow);
  await app.server.database.pool.query(`update companies set status = 'trial', trial_ends_at = now() + interval '1 hour' where id = $1`, [
    app.companyA.id,
  ]);
}, 120_000);
afterAll(() => app?.close());

describe('trial expiry', () => {
  const before = '5511966660001';
  const during = '5511966660002';
  let beforeTicket: number;
  let scheduledId: number;

  it('during the trial everything runs, and the sweep leaves a live trial alone', async () => {
    await say(before, 'oi');
    await eventually(async () => textsTo(before, GREETING).length === 1, 'the flow during the trial');
    beforeTicket = (await ticketOfPhone(app, before))!.id;
    expect(await sessionsOf(app, beforeTicket)).toHaveLength(1);
    expect(await app.server.services.planJobs!.sweep()).toEqual([]);
    expect(await companyStatus()).toBe('trial');
  });

  it('the sweep makes an expired trial read-only, once', async () => {
    // Sent before the expiry, due while read-only: its message must be held, not sent nor failed.
    const scheduled = await app.inject({
      method: 'POST',
      url: `/api/tickets/${beforeTicket}/scheduled-messages`,
      token: app.companyA.adminToken,
      payload: { body: 'Lembrete agendado', sendAt: new Date(Date.now() + 1500).toISOString() },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    scheduledId = scheduled.json<{ id: number }>().id;

    await app.server.database.pool.query(`update companies set trial_ends_at = now() - interval '1 minute' where id = $1`, [
      app.companyA.id,
    ]);
    expect(await app.server.services.planJobs!.sweep()).toEqual([app.companyA.id]);
    expect(await app.server.services.planJobs!.sweep()).toEqual([]);
    expect(await companyStatus()).toBe('read_only');
    const { rows } = await app.server.database.pool.query<{ status_reason: string }>('select status_reason from companies where id = $1', [
      app.companyA.id,
    ]);
    expect(rows[0]!.status_reason).toBe('trial_expired');
    // Company B (no trial) is untouched.
    const other = await app.inject({ method: 'GET', url: '/api/me', token: app.companyB.adminToken });
    expect(other.json().company.status).toBe('active');
  });

  it('a customer message is stored and listed, but the flow does not run', async () => {
    await say(during, 'alguém aí?');
    const ticket = await eventually(async () => ticketOfPhone(app, during), 'the stored ticket');
    const listed = await ticketsOf(app, app.companyA);
    expect(listed.some((t) => t.id === ticket.id)).toBe(true);
    const messages = await messagesOf(app, app.companyA.adminToken, ticket.id);
    expect(messages.map((m) => m.body)).toContain('alguém aí?');
    // The runner did look at the line (marked handled) and chose to do nothing.
    await eventually(async () => {
      const { rows } = await app.server.database.pool.query<{ last_handled_message_id: string }>(
        'select last_handled_message_id from ticket_routing where ticket_id = $1',
        [ticket.id],
      );
      return Number(rows[0]?.last_handled_message_id ?? 0) === messages.at(-1)!.id;
    }, 'the inbound runner pass');
    await settle(500);
    expect(sentTo(during)).toEqual([]);
    expect(await sessionsOf(app, ticket.id)).toEqual([]);
    expect(await eventKinds(app, ticket.id)).toEqual(['created']);
  });

  it("an agent's send is refused with 402 COMPANY_READ_ONLY; own profile and marking read still work", async () => {
    const send = await app.inject({
      method: 'POST',
      url: `/api/tickets/${beforeTicket}/messages`,
      token: app.companyA.adminToken,
      payload: { body: 'Olá' },
    });
    expect(send.statusCode).toBe(402);
    expect(send.json().error.code).toBe('COMPANY_READ_ONLY');
    const profile = await app.inject({ method: 'PATCH', url: '/api/me', token: app.companyA.adminToken, payload: { theme: 'dark' } });
    expect(profile.statusCode, profile.body).toBe(200);
    // Reading a conversation marks it read: part of reading, not a change the plan must pay for.
    const read = await app.inject({ method: 'POST', url: `/api/tickets/${beforeTicket}/read`, token: app.companyA.adminToken });
    expect(read.statusCode, read.body).toBeLessThan(300);
  });

  it('a scheduled message that falls due is written but held, not sent and not failed', async () => {
    const message = await eventually(async () => {
      const found = (await messagesOf(app, app.companyA.adminToken, beforeTicket)).find((m) => m.body === 'Lembrete agendado');
      return found;
    }, 'the scheduled message written');
    await settle(1500);
    const again = (await messagesOf(app, app.companyA.adminToken, beforeTicket)).find((m) => m.id === message.id);
    expect(again?.status).toBe('pending');
    expect(textsTo(before, 'Lembrete agendado')).toEqual([]);
    expect(scheduledId).toBeGreaterThan(0);
  });

  it('once active again, held sends go out, agents send again and the flow answers new conversations', async () => {
    expect(await app.server.services.companyStatus.set(app.companyA.id, 'active', 'paid')).toBe('read_only');
    await eventually(async () => textsTo(before, 'Lembrete agendado').length === 1, 'the held scheduled message sent');
    const send = await app.inject({
      method: 'POST',
      url: `/api/tickets/${beforeTicket}/messages`,
      token: app.companyA.adminToken,
      payload: { body: 'Voltamos' },
    });
    expect(send.statusCode, send.body).toBe(201);
    await eventually(async () => textsTo(before, 'Voltamos').length === 1, 'the agent message sent');
    await settle(500);
    // Sent once, not twice (the resume job and any other retry).
    expect(textsTo(before, 'Lembrete agendado')).toHaveLength(1);
    const afterPayment = '5511966660003';
    await say(afterPayment, 'bom dia');
    await eventually(async () => textsTo(afterPayment, GREETING).length === 1, 'the flow after the payment');
  });
});
