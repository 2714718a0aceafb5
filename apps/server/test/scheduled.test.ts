import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { bootServer, openSocket, testEnv } from './harness.js';
import { messagesOf, startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';

/**
 * Scheduled messages through HTTP, the real pg-boss job and the fake Graph API. A "day" of a
 * repetition lasts REPEAT_UNIT_MS here (SCHEDULE_REPEAT_UNIT_MS), so a daily ×3 runs in seconds.
 */
const REPEAT_UNIT_MS = 1500;
const extraEnv = { SCHEDULE_REPEAT_UNIT_MS: String(REPEAT_UNIT_MS) };
let app: ConversationApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startConversationApp(extraEnv);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

let phoneCounter = 0;
/** A customer who just wrote (or wrote `agoSeconds` ago): their ticket on the Cloud connection. */
async function customerTicket(agoSeconds = 0): Promise<{ ticketId: number; contactId: number; phone: string }> {
  const phone = `55119700${String(Date.now() % 10000).padStart(4, '0')}${phoneCounter++}`;
  const hook = textWebhook(phone, 'oi', { at: Math.floor(Date.now() / 1000) - agoSeconds });
  expect((await app.postWebhook(hook.body)).statusCode).toBe(200);
  const { rows } = await app.server.database.pool.query<{ id: number; contact_id: number }>(
    `select t.id, t.contact_id from tickets t join contacts c on c.id = t.contact_id where c.wa_id = $1`,
    [phone],
  );
  return { ticketId: Number(rows[0]!.id), contactId: Number(rows[0]!.contact_id), phone };
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

function schedule(ticketId: number, payload: object, token = app.companyA.adminToken) {
  return app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/scheduled-messages`, token, payload });
}

async function scheduledOf(id: number, token = app.companyA.adminToken) {
  const response = await app.inject({ method: 'GET', url: `/api/scheduled-messages/${id}`, token });
  return response.json<{ status: string; occurrence: number; sentMessageId: number | null; error: { code: string } | null }>();
}

const sentTexts = (phone: string, text: string) =>
  app.graph.sentMessages().filter((m) => m.to === phone && (m.body.text as { body?: string } | undefined)?.body === text);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduled messages', () => {
  it('sends a due message once, on the live ticket, and tells the ticket audience live', async () => {
    const baseUrl = await app.server.listen();
    const socket = await openSocket(baseUrl, app.companyA.adminToken, sockets);
    const seen: { status: string; id: number }[] = [];
    socket.on('scheduled.updated', ({ scheduledMessage }) => seen.push(scheduledMessage));

    const { ticketId, phone } = await customerTicket();
    const created = await schedule(ticketId, { body: 'Seu pedido chegou', sendAt: inSeconds(2) });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ status: 'scheduled', ticketId, body: 'Seu pedido chegou', occurrence: 0 });
    expect(sentTexts(phone, 'Seu pedido chegou')).toHaveLength(0);

    await expect.poll(async () => (await scheduledOf(id)).status, { timeout: 10_000 }).toBe('sent');
    await expect.poll(() => sentTexts(phone, 'Seu pedido chegou').length, { timeout: 10_000 }).toBe(1);
    await settle(1500);
    expect(sentTexts(phone, 'Seu pedido chegou')).toHaveLength(1);
    const lines = (await messagesOf(app, app.companyA.adminToken, ticketId)).filter((m) => m.body === 'Seu pedido chegou');
    expect(lines).toHaveLength(1);
    expect((await scheduledOf(id)).sentMessageId).toBe(lines[0]!.id);
    const history = await app.server.database.pool.query(
      `select data from ticket_events where ticket_id = $1 and kind = 'scheduled-message-sent'`,
      [ticketId],
    );
    expect(history.rows).toHaveLength(1);
    await expect.poll(() => seen.filter((s) => s.id === id).map((s) => s.status)).toEqual(['scheduled', 'sent']);
  });

  it('does not send a message canceled before it is due, and refuses to edit it afterwards', async () => {
    const { ticketId, phone } = await customerTicket();
    const created = await schedule(ticketId, { body: 'Cancelado', sendAt: inSeconds(2) });
    const id = created.json().id as number;
    const canceled = await app.inject({ method: 'DELETE', url: `/api/scheduled-messages/${id}`, token: app.companyA.adminToken });
    expect(canceled.json()).toMatchObject({ status: 'canceled' });
    await settle(4000);
    expect(sentTexts(phone, 'Cancelado')).toHaveLength(0);
    expect((await scheduledOf(id)).status).toBe('canceled');
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/scheduled-messages/${id}`,
      token: app.companyA.adminToken,
      payload: { body: 'outro' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('SCHEDULED_MESSAGE_CANCELED');
  });

  it('sends at the edited time, not the first one, and refuses to change a sent message', async () => {
    const { ticketId, phone } = await customerTicket();
    const id = (await schedule(ticketId, { body: 'Primeira hora', sendAt: inSeconds(2) })).json().id as number;
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/scheduled-messages/${id}`,
      token: app.companyA.adminToken,
      payload: { body: 'Hora nova', sendAt: inSeconds(5) },
    });
    expect(moved.statusCode).toBe(200);
    await settle(3500);
    expect(sentTexts(phone, 'Primeira hora')).toHaveLength(0);
    expect(sentTexts(phone, 'Hora nova')).toHaveLength(0);
    await expect.poll(() => sentTexts(phone, 'Hora nova').length, { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => (await scheduledOf(id)).status).toBe('sent');
    const late = await app.inject({ method: 'DELETE', url: `/api/scheduled-messages/${id}`, token: app.companyA.adminToken });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SCHEDULED_MESSAGE_SENT');
  });

  it('repeats daily three times, then stops', async () => {
    const { ticketId, phone } = await customerTicket();
    const created = await schedule(ticketId, { body: 'Tome o remédio', sendAt: inSeconds(1), repeat: { every: 'day', times: 3 } });
    expect(created.json().repeat).toEqual({ every: 'day', times: 3 });
    const id = created.json().id as number;
    await expect.poll(() => sentTexts(phone, 'Tome o remédio').length, { timeout: 20_000, interval: 250 }).toBe(3);
    await expect.poll(async () => (await scheduledOf(id)).status).toBe('sent');
    expect((await scheduledOf(id)).occurrence).toBe(2);
    await settle(REPEAT_UNIT_MS * 2);
    expect(sentTexts(phone, 'Tome o remédio')).toHaveLength(3);
  }, 30_000);

  it('asks for a template outside the 24-hour window and sends it as a template', async () => {
    const { ticketId, phone } = await customerTicket(25 * 3600);
    const refused = await schedule(ticketId, { body: 'Oi de novo', sendAt: inSeconds(60) });
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(['template']);

    const template = { name: 'retomar_conversa', language: 'pt_BR', components: [] };
    const created = await schedule(ticketId, { body: 'Retomar conversa', sendAt: inSeconds(1), template });
    expect(created.statusCode).toBe(201);
    await expect.poll(async () => (await scheduledOf(created.json().id)).status, { timeout: 10_000 }).toBe('sent');
    await expect
      .poll(
        () =>
          app.graph
            .sentMessages()
            .filter((m) => m.to === phone && m.type === 'template')
            .map((m) => m.body.template),
        {
          timeout: 10_000,
        },
      )
      .toEqual([expect.objectContaining({ name: 'retomar_conversa', language: { code: 'pt_BR' } })]);
  });

  it('fails with WINDOW_CLOSED when the window closed before the due time, and a retry with a template sends it', async () => {
    const { ticketId, phone } = await customerTicket();
    const id = (await schedule(ticketId, { body: 'Tarde demais', sendAt: inSeconds(2) })).json().id as number;
    // Two days pass before the due time: the customer's last message is now far older than 24 hours.
    await app.server.database.pool.query(`update tickets set last_inbound_at = now() - interval '2 days' where id = $1`, [ticketId]);
    await app.server.database.pool.query(`update contact_channels set last_inbound_at = now() - interval '2 days' where external_id = $1`, [
      phone,
    ]);
    await expect.poll(async () => (await scheduledOf(id)).error?.code, { timeout: 10_000 }).toBe('WINDOW_CLOSED');
    expect((await scheduledOf(id)).status).toBe('failed');
    expect(sentTexts(phone, 'Tarde demais')).toHaveLength(0);

    const bare = await app.inject({
      method: 'PATCH',
      url: `/api/scheduled-messages/${id}`,
      token: app.companyA.adminToken,
      payload: { status: 'scheduled' },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toHaveProperty('template');
    const retried = await app.inject({
      method: 'PATCH',
      url: `/api/scheduled-messages/${id}`,
      token: app.companyA.adminToken,
      payload: { status: 'scheduled', template: { name: 'retomar_conversa', language: 'pt_BR' } },
    });
    expect(retried.json()).toMatchObject({ status: 'scheduled', error: null });
    await expect.poll(async () => (await scheduledOf(id)).status, { timeout: 10_000 }).toBe('sent');
    await expect
      .poll(() => app.graph.sentMessages().filter((m) => m.to === phone && m.type === 'template').length, { timeout: 10_000 })
      .toBe(1);
  });

  it('names the field of every invalid input', async () => {
    const { ticketId, contactId } = await customerTicket();
    const cases: [object, string][] = [
      [{ body: 'x' }, 'sendAt'],
      [{ body: 'x', sendAt: '2030-01-01T10:00:00' }, 'sendAt'],
      [{ body: 'x', sendAt: new Date(Date.now() - 5 * 60_000).toISOString() }, 'sendAt'],
      [{ body: '', sendAt: inSeconds(60) }, 'body'],
      [{ body: 'x', sendAt: inSeconds(60), repeat: { every: 'year', times: 2 } }, 'repeat.every'],
      [{ body: 'x', sendAt: inSeconds(60), repeat: { every: 'day' } }, 'repeat.times'],
      [{ body: 'x', sendAt: inSeconds(3600), repeat: { every: 'day', until: '2020-01-01' } }, 'repeat.until'],
    ];
    for (const [payload, field] of cases) {
      const response = await schedule(ticketId, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(response.json().error.fields), JSON.stringify(payload)).toEqual([field]);
    }
    const fromContact = await app.inject({
      method: 'POST',
      url: `/api/contacts/${contactId}/scheduled-messages`,
      token: app.companyA.adminToken,
      payload: { body: 'x', sendAt: inSeconds(60) },
    });
    expect(fromContact.json().error.fields).toHaveProperty('connectionId');
    const wrongConnection = await app.inject({
      method: 'POST',
      url: `/api/contacts/${contactId}/scheduled-messages`,
      token: app.companyA.adminToken,
      payload: { connectionId: 999_999, body: 'x', sendAt: inSeconds(60) },
    });
    expect(Object.keys(wrongConnection.json().error.fields)).toEqual(['connectionId']);
  });

  it('schedules from a contact with a file, and shows it on the live ticket', async () => {
    const { ticketId, contactId } = await customerTicket();
    const boundary = '----jimmy-scheduled';
    const parts = [
      ['connectionId', String(app.cloudConnectionId)],
      ['body', 'Segue o boleto'],
      ['sendAt', inSeconds(1)],
    ]
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('');
    const payload = Buffer.concat([
      Buffer.from(
        `${parts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="boleto.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.4 boleto'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const created = await app.inject({
      method: 'POST',
      url: `/api/contacts/${contactId}/scheduled-messages`,
      token: app.companyA.adminToken,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ticketId, media: { fileName: 'boleto.pdf', mimeType: 'application/pdf' } });
    const list = await app.inject({ method: 'GET', url: `/api/scheduled-messages?ticketId=${ticketId}`, token: app.companyA.adminToken });
    expect(list.json().items.map((s: { id: number }) => s.id)).toEqual([created.json().id]);
    await expect.poll(async () => (await scheduledOf(created.json().id)).status, { timeout: 10_000 }).toBe('sent');
    const sent = (await messagesOf(app, app.companyA.adminToken, ticketId)).find((m) => m.body === 'Segue o boleto');
    expect(sent?.type).toBe('document');
  });

  it('opens a new ticket for the scheduling agent when the company does not reuse live tickets', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    let scheduledId: number | undefined;
    const { ticketId } = await customerTicket();
    // The settings page belongs to another module; the stored setting is what the sender reads.
    await app.server.database.pool.query(`update companies set settings = '{"scheduling":{"reuseLiveTicket":false}}' where id = $1`, [
      app.companyA.id,
    ]);
    try {
      const created = await schedule(ticketId, { body: 'Nova conversa', sendAt: inSeconds(1) }, agent.token);
      expect(created.statusCode).toBe(201);
      await expect.poll(async () => (await scheduledOf(created.json().id)).status, { timeout: 10_000 }).toBe('sent');
      scheduledId = created.json().id;
    } finally {
      await app.server.database.pool.query(`update companies set settings = '{}' where id = $1`, [app.companyA.id]);
    }
    const moved = await app.inject({ method: 'GET', url: `/api/scheduled-messages/${scheduledId}`, token: agent.token });
    const newTicketId = moved.json().ticketId as number;
    expect(newTicketId).not.toBe(ticketId);
    const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${newTicketId}`, token: agent.token });
    expect(ticket.json()).toMatchObject({ status: 'open', userId: agent.id });
    const old = await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken });
    expect(old.json().status).toBe('closed');
    const lines = await messagesOf(app, agent.token, newTicketId);
    expect(lines.filter((m) => m.body === 'Nova conversa').map((m) => m.direction)).toEqual(['out']);
  });

  it("keeps another company's and an unseen conversation's schedules out of sight", async () => {
    const { ticketId } = await customerTicket();
    const id = (await schedule(ticketId, { body: 'Só da empresa A', sendAt: inSeconds(3600) })).json().id as number;
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { body: 'mudado' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await app.inject({ method, url: `/api/scheduled-messages/${id}`, token: app.companyB.adminToken, payload });
      expect(response.statusCode, method).toBe(404);
      expect(response.json().error.code).toBe('SCHEDULED_MESSAGE_NOT_FOUND');
    }
    const listB = await app.inject({ method: 'GET', url: '/api/scheduled-messages', token: app.companyB.adminToken });
    expect(listB.json().items).toEqual([]);
    const foreignTicket = await schedule(ticketId, { body: 'x', sendAt: inSeconds(60) }, app.companyB.adminToken);
    expect(foreignTicket.statusCode).toBe(404);

    // An agent who cannot see the (now accepted by the admin) conversation does not see its schedule.
    const agent = await app.createUser(app.companyA, 'agent');
    await app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/accept`, token: app.companyA.adminToken });
    expect((await app.inject({ method: 'GET', url: `/api/scheduled-messages/${id}`, token: agent.token })).statusCode).toBe(404);
    const agentList = await app.inject({ method: 'GET', url: '/api/scheduled-messages?status=scheduled', token: agent.token });
    expect(agentList.json().items.map((s: { id: number }) => s.id)).not.toContain(id);
    const unchanged = await scheduledOf(id);
    expect(unchanged).toMatchObject({ status: 'scheduled', body: 'Só da empresa A' });
  });

  it('sends once after a restart between scheduling and the due time', async () => {
    const { ticketId, phone } = await customerTicket();
    const id = (await schedule(ticketId, { body: 'Depois do reinício', sendAt: inSeconds(4) })).json().id as number;
    await app.server.close();
    app.server = await bootServer(
      testEnv(app.database, { WHATSAPP_GRAPH_URL: app.graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0', ...extraEnv }),
    );
    await expect.poll(async () => (await scheduledOf(id)).status, { timeout: 15_000 }).toBe('sent');
    await expect.poll(() => sentTexts(phone, 'Depois do reinício').length, { timeout: 10_000 }).toBe(1);
    await settle(1500);
    expect(sentTexts(phone, 'Depois do reinício')).toHaveLength(1);
  }, 40_000);
});
