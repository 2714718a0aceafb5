import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, statusWebhook, textWebhook, type ConversationApp } from './conversations.harness.js';
import { eventually, ticketOfPhone } from './pipeline.harness.js';
import {
  deliveriesOf,
  documentedVerifierSource,
  loadDocumentedVerifier,
  startReceiver,
  subscribe,
  type Receiver,
} from './webhooks.harness.js';

let app: ConversationApp;
let receiver: Receiver;
let verify: Awaited<ReturnType<typeof loadDocumentedVerifier>>;

beforeAll(async () => {
  app = await startConversationApp({ WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RELAY_INTERVAL_MS: '100', WEBHOOK_TIMEOUT_MS: '3000' });
  receiver = await startReceiver();
  verify = await loadDocumentedVerifier();
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});
// Each test subscribes on its own; the previous test's subscriptions must not answer for it.
afterEach(async () => {
  await app.server.database.pool.query('update webhook_subscriptions set active = false');
  receiver.requests.length = 0;
  receiver.answer = () => 200;
});

const customerSays = async (phone: string, text: string) =>
  expect((await app.postWebhook(textWebhook(phone, text).body)).statusCode).toBe(200);
const received = (event: string) => receiver.requests.filter((r) => r.body.event === event && r.answered < 300);
const bodyOf = (r: { body: { data: Record<string, unknown> } }) => (r.body.data.message as { body: string }).body;

describe('outbound webhooks', () => {
  it('signs every delivery so that the documented Node function verifies it', async () => {
    const { id, secret } = await subscribe(app, app.companyA, receiver.url, ['message.received', 'ticket.created', 'contact.created']);
    expect(secret).toMatch(/^whsec_/);
    await customerSays('5511970000001', 'Quero um orçamento ✨');
    const got = await eventually(
      async () => (received('message.received').length > 0 ? received('message.received') : undefined),
      'delivery',
    );
    const request = got[0]!;
    expect(request.headers['x-jimmy-event']).toBe('message.received');
    expect(request.headers['x-jimmy-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.body).toMatchObject({ event: 'message.received', companyId: app.companyA.id, id: expect.stringMatching(/^evt_/) });
    expect(bodyOf(request)).toBe('Quero um orçamento ✨');
    const header = String(request.headers['x-jimmy-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(request.raw, header, secret)).toBe(true);
    expect(verify(Buffer.from(request.raw), header, secret)).toBe(true);
    expect(verify(request.raw, header, 'whsec_wrong')).toBe(false);
    expect(verify(request.raw.replace('orçamento', 'orcamento'), header, secret)).toBe(false);
    // a replay of an old request: its timestamp is outside the tolerance
    expect(verify(request.raw, header, secret, -1)).toBe(false);
    // the new contact and its ticket were announced too, ticket before its message (one lane)
    await eventually(async () => received('contact.created').length === 1 && received('ticket.created').length === 1, 'contact/ticket');
    const ticketLane = receiver.requests.filter((r) => r.body.event !== 'contact.created').map((r) => r.body.event);
    expect(ticketLane).toEqual(['ticket.created', 'message.received']);
    const log = await deliveriesOf(app, app.companyA, id);
    expect(log.map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(log.every((d) => d.attemptLog.length === 1 && d.attemptLog[0]!.responseStatus === 200)).toBe(true);
  });

  it('the API docs page carries the same verifier, in Node and Python, with the headers to check', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ info: { description: string } }>();
    const guide = document.info.description;
    expect(guide).toContain(documentedVerifierSource());
    expect(guide).toContain('def verify_jimmy_signature');
    expect(guide).toMatch(/X-Jimmy-Signature: t=<unix seconds>,v1=/);
    expect(guide).toContain('/hooks/leads/');
  });

  it('retries a failing receiver: 5 failures then a success are 6 attempts of one delivery, and no more', async () => {
    const { id } = await subscribe(app, app.companyA, receiver.url, ['message.received']);
    receiver.answer = (_request, index) => (index < 5 ? 500 : 200);
    await customerSays('5511970000002', 'tentativas');
    const [delivery] = await eventually(
      async () => {
        const log = await deliveriesOf(app, app.companyA, id);
        return log[0]?.state === 'delivered' ? log : undefined;
      },
      'the sixth attempt',
      30_000,
    );
    expect(delivery!.attempts).toBe(6);
    expect(delivery!.attemptLog.map((a) => a.responseStatus)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(delivery!.attemptLog.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(receiver.requests).toHaveLength(6);
    expect(new Set(receiver.requests.map((r) => r.headers['x-jimmy-delivery']))).toEqual(new Set([delivery!.deliveryId]));
    expect(new Set(receiver.requests.map((r) => r.raw)).size).toBe(1);
    expect(received('message.received')).toHaveLength(1);
  });

  it("keeps a ticket's events in order under retries without holding back other tickets", async () => {
    await subscribe(app, app.companyA, receiver.url, ['message.received']);
    let firstFailures = 3;
    receiver.answer = (request) => (bodyOf(request) === 'primeira' && firstFailures-- > 0 ? 503 : 200);
    await customerSays('5511970000003', 'primeira');
    await customerSays('5511970000003', 'segunda');
    await customerSays('5511970000004', 'outro cliente');
    await eventually(async () => received('message.received').length === 3, 'all three delivered', 30_000);
    const attempts = receiver.requests.map((r) => `${bodyOf(r)}:${r.answered}`);
    // "segunda" is never tried before "primeira" got through
    expect(attempts.indexOf('segunda:200')).toBeGreaterThan(attempts.indexOf('primeira:200'));
    expect(attempts.filter((a) => a.startsWith('segunda'))).toEqual(['segunda:200']);
    // the other ticket went through while "primeira" was still failing
    expect(attempts.indexOf('outro cliente:200')).toBeLessThan(attempts.indexOf('primeira:200'));
    expect(attempts.filter((a) => a === 'primeira:503')).toHaveLength(3);
  });

  it('redelivers an event from the log as a new delivery of the same event', async () => {
    const { id } = await subscribe(app, app.companyA, receiver.url, ['message.received']);
    await customerSays('5511970000005', 'reenviar');
    const [original] = await eventually(async () => {
      const log = await deliveriesOf(app, app.companyA, id);
      return log[0]?.state === 'delivered' ? log : undefined;
    }, 'first delivery');
    const again = await app.inject({
      method: 'POST',
      url: `/api/webhook-deliveries/${original!.id}/redeliver`,
      token: app.companyA.adminToken,
    });
    expect(again.statusCode, again.body).toBe(202);
    await eventually(async () => received('message.received').length === 2, 'the redelivery');
    const [first, second] = received('message.received');
    expect(second!.raw).toBe(first!.raw);
    expect(second!.headers['x-jimmy-delivery']).toBe(again.json().deliveryId);
    expect(second!.headers['x-jimmy-delivery']).not.toBe(first!.headers['x-jimmy-delivery']);
    const log = await deliveriesOf(app, app.companyA, id);
    expect(log.map((d) => d.eventId)).toEqual([original!.eventId, original!.eventId]);
  });

  it('sends a signed test event, with the rotated secret once rotated', async () => {
    const { id, secret } = await subscribe(app, app.companyA, receiver.url, ['ticket.closed']);
    const rotated = await app.inject({
      method: 'POST',
      url: `/api/webhook-subscriptions/${id}/rotate-secret`,
      token: app.companyA.adminToken,
    });
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().secret as string;
    expect(newSecret).not.toBe(secret);
    const sent = await app.inject({ method: 'POST', url: `/api/webhook-subscriptions/${id}/test`, token: app.companyA.adminToken });
    expect(sent.statusCode).toBe(202);
    const [ping] = await eventually(async () => (received('ping').length ? received('ping') : undefined), 'ping');
    expect(verify(ping!.raw, String(ping!.headers['x-jimmy-signature']), newSecret)).toBe(true);
    expect(verify(ping!.raw, String(ping!.headers['x-jimmy-signature']), secret)).toBe(false);
    const listed = await app.inject({ method: 'GET', url: '/api/webhook-subscriptions', token: app.companyA.adminToken });
    expect(JSON.stringify(listed.json())).not.toContain(newSecret);
  });

  it('announces message statuses, contact edits and closed tickets from their own transactions', async () => {
    await subscribe(app, app.companyA, receiver.url, ['message.sent', 'message.status', 'contact.updated', 'ticket.closed']);
    await customerSays('5511970000006', 'oi');
    const ticket = await eventually(() => ticketOfPhone(app, '5511970000006'), 'ticket');
    const reply = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      token: app.companyA.adminToken,
      payload: { body: 'Olá!' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const sent = await eventually(async () => {
      const statuses = received('message.status').filter((r) => (r.body.data.message as { status: string }).status === 'sent');
      return statuses[0];
    }, 'message.status sent');
    const externalId = (sent.body.data.message as { externalId: string }).externalId;
    expect((await app.postWebhook(statusWebhook(externalId, 'delivered'))).statusCode).toBe(200);
    await eventually(async () => received('message.status').length === 2, 'message.status delivered');
    expect(received('message.status').map((r) => (r.body.data.message as { status: string }).status)).toEqual(['sent', 'delivered']);
    expect(received('message.sent').map(bodyOf)).toEqual(['Olá!']);
    const contactId = (await app.server.database.pool.query('select contact_id from tickets where id = $1', [ticket.id])).rows[0]
      .contact_id;
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contactId}`,
      token: app.companyA.adminToken,
      payload: { name: 'Maria Souza' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const closed = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/close`,
      token: app.companyA.adminToken,
      payload: {},
    });
    expect(closed.statusCode, closed.body).toBe(200);
    await eventually(async () => received('contact.updated').length === 1 && received('ticket.closed').length === 1, 'contact and close');
    expect(received('contact.updated')[0]!.body.data).toMatchObject({
      contact: { id: Number(contactId), name: 'Maria Souza' },
      changed: ['name'],
    });
    expect(received('ticket.closed')[0]!.body.data).toMatchObject({ ticket: { id: ticket.id, status: 'closed' }, change: 'closed' });
  });

  it('writes nothing for a company without an active subscription', async () => {
    const before = await app.server.database.pool.query(
      'select (select count(*) from webhook_deliveries) as d, (select count(*) from webhook_outbox) as o',
    );
    await customerSays('5511970000007', 'ninguém ouve');
    const ticket = await eventually(() => ticketOfPhone(app, '5511970000007'), 'ticket');
    const reply = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      token: app.companyA.adminToken,
      payload: { body: 'ok' },
    });
    expect(reply.statusCode).toBe(201);
    // the relay has moved past these rows
    await eventually(async () => {
      const { rows } = await app.server.database.pool.query(
        `select (select cursor from webhook_relay) > (select max(txid) from messages where ticket_id = $1) as past`,
        [ticket.id],
      );
      return rows[0].past === true;
    }, 'relay cursor');
    const after = await app.server.database.pool.query(
      'select (select count(*) from webhook_deliveries) as d, (select count(*) from webhook_outbox) as o',
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(receiver.requests).toHaveLength(0);
  });

  it('validates subscriptions and names the field', async () => {
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/webhook-subscriptions', token: app.companyA.adminToken, payload });
    const badUrl = await post({ url: 'ftp://example.com/x', events: ['message.received'] });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.fields).toHaveProperty('url');
    const noEvents = await post({ url: receiver.url, events: [] });
    expect(noEvents.statusCode).toBe(400);
    expect(noEvents.json().error.fields).toHaveProperty('events');
    const unknown = await post({ url: receiver.url, events: ['message.deleted'] });
    expect(unknown.statusCode).toBe(400);
    const agent = await app.createUser(app.companyA, 'agent', 'Agente Webhook');
    const forbidden = await app.inject({ method: 'GET', url: '/api/webhook-subscriptions', token: agent.token });
    expect(forbidden.statusCode).toBe(403);
  });
});
