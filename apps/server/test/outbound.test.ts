import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, startConversationApp, statusWebhook, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';

let app: ConversationApp;
// A short Graph timeout keeps the timeout case fast; retries start 2 s apart.
beforeAll(async () => {
  app = await startConversationApp({ WHATSAPP_TIMEOUT_MS: '700' });
});
afterAll(async () => app?.close());

let phoneCounter = 0;
/** A customer who just wrote (window open), and their ticket. */
async function conversation(): Promise<{ ticketId: number; phone: string }> {
  const phone = `55119${String(10_000_000 + phoneCounter++).padStart(8, '0')}`;
  expect((await app.postWebhook(textWebhook(phone, 'preciso de ajuda').body)).statusCode).toBe(200);
  const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === `+${phone}`)!;
  return { ticketId: ticket.id, phone };
}

async function send(ticketId: number, body: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/tickets/${ticketId}/messages`,
    token: app.companyA.adminToken,
    payload: { body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number; status: string }>();
}

const messageRow = async (id: number) =>
  (
    await app.server.database.pool.query(
      'select status, external_id, error_code, error_message, send_attempts from messages where id = $1',
      [id],
    )
  ).rows[0];
const sentTo = (phone: string) => app.graph.sentMessages().filter((m) => m.to === phone);

describe('outbound messages', () => {
  it('goes pending → sent with the provider id, and takes the ticket', async () => {
    const { ticketId, phone } = await conversation();
    const message = await send(ticketId, 'Olá! Como posso ajudar?');
    expect(message.status).toBe('pending');
    await expect.poll(async () => (await messageRow(message.id)).status, { timeout: 10_000 }).toBe('sent');
    const row = await messageRow(message.id);
    expect(row.external_id).toMatch(/^wamid\./);
    expect(sentTo(phone)).toHaveLength(1);
    expect(sentTo(phone)[0]!.body).toMatchObject({
      type: 'text',
      text: { body: 'Olá! Como posso ajudar?' },
      biz_opaque_callback_data: expect.any(String),
    });
    const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken });
    expect(ticket.json()).toMatchObject({ status: 'open', userId: app.companyA.adminId, firstResponseAt: expect.any(String) });

    // receipts move the ticks
    expect((await app.postWebhook(statusWebhook(row.external_id, 'read'))).statusCode).toBe(200);
    expect((await messageRow(message.id)).status).toBe('read');
  });

  it('retries after 429 and after 5xx, sending once', async () => {
    const { ticketId, phone } = await conversation();
    app.graph.failNext(1, { status: 429, code: 130429, message: 'Rate limit hit' });
    const first = await send(ticketId, 'depois do 429');
    await expect.poll(async () => (await messageRow(first.id)).status, { timeout: 15_000 }).toBe('sent');
    app.graph.failNext(1, { status: 500, code: 1, message: 'Internal error' });
    const second = await send(ticketId, 'depois do 500');
    await expect.poll(async () => (await messageRow(second.id)).status, { timeout: 15_000 }).toBe('sent');
    expect(sentTo(phone).map((m) => (m.body.text as { body: string }).body)).toEqual(['depois do 429', 'depois do 500']);
    expect((await messageRow(second.id)).send_attempts).toBe(2);
  });

  it('never sends twice after a timeout: the receipt carrying our key links the message', async () => {
    const { ticketId, phone } = await conversation();
    app.graph.delayNext(2000); // longer than WHATSAPP_TIMEOUT_MS; Meta still "accepts" it
    const message = await send(ticketId, 'mensagem lenta');
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    const accepted = sentTo(phone)[0]!;
    // Meta's receipt for the message we never heard back about carries biz_opaque_callback_data.
    const receipt = statusWebhook(accepted.id, 'delivered', { biz_opaque_callback_data: accepted.body.biz_opaque_callback_data });
    expect((await app.postWebhook(receipt)).statusCode).toBe(200);
    await expect.poll(async () => (await messageRow(message.id)).status, { timeout: 10_000 }).toBe('delivered');
    expect((await messageRow(message.id)).external_id).toBe(accepted.id);
    // the send job's retries come and go without a second customer-visible message
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('fails with the reason on 131047 and offers a retry', async () => {
    const { ticketId, phone } = await conversation();
    app.graph.windowClosedFor(phone);
    const message = await send(ticketId, 'fora da janela');
    await expect.poll(async () => (await messageRow(message.id)).status, { timeout: 10_000 }).toBe('failed');
    expect((await messageRow(message.id)).error_code).toBe('WINDOW_CLOSED');
    const listed = (await messagesOf(app, app.companyA.adminToken, ticketId)).find((m) => m.id === message.id)!;
    expect(listed.error).toMatchObject({ code: 'WINDOW_CLOSED' });

    const retried = await app.inject({ method: 'POST', url: `/api/messages/${message.id}/retry`, token: app.companyA.adminToken });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().status).toBe('pending');
    const again = await app.inject({ method: 'POST', url: `/api/messages/${message.id}/retry`, token: app.companyA.adminToken });
    expect([200, 409]).toContain(again.statusCode);
  });

  it('refuses a free-form message outside the 24-hour window before calling Meta', async () => {
    const phone = '5511966660001';
    const yesterday = Math.floor(Date.now() / 1000) - 25 * 3600;
    expect((await app.postWebhook(textWebhook(phone, 'ontem', { at: yesterday }).body)).statusCode).toBe(200);
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === `+${phone}`)!;
    const before = app.graph.requests.length;
    const response = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      token: app.companyA.adminToken,
      payload: { body: 'oi' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('WINDOW_CLOSED');
    expect(app.graph.requests.length).toBe(before);

    // a template is allowed
    const template = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/template`,
      token: app.companyA.adminToken,
      payload: { name: 'retomar_conversa', language: 'pt_BR' },
    });
    expect(template.statusCode).toBe(201);
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    expect(sentTo(phone)[0]!.body).toMatchObject({ type: 'template', template: { name: 'retomar_conversa', language: { code: 'pt_BR' } } });
  });

  it('uploads a file, then sends it by media id', async () => {
    const { ticketId, phone } = await conversation();
    const boundary = '----jimmy';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nSegue a foto\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="foto.png"\r\nContent-Type: image/png\r\n\r\n`),
      Buffer.from('89504e470d0a1a0a', 'hex'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticketId}/messages`,
      token: app.companyA.adminToken,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ type: 'image', body: 'Segue a foto', media: { state: 'ready', fileName: 'foto.png' } });
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    const sent = sentTo(phone)[0]!.body as { type: string; image: { id: string; caption: string } };
    expect(sent.type).toBe('image');
    expect(sent.image.caption).toBe('Segue a foto');
    expect(app.graph.uploadedMedia(sent.image.id)?.bytes.toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('reacts to a customer message and marks the conversation read on WhatsApp', async () => {
    const { ticketId, phone } = await conversation();
    const [inbound] = await messagesOf(app, app.companyA.adminToken, ticketId);
    const reacted = await app.inject({
      method: 'POST',
      url: `/api/messages/${inbound!.id}/reaction`,
      token: app.companyA.adminToken,
      payload: { emoji: '👍' },
    });
    expect(reacted.statusCode, reacted.body).toBe(200);
    expect(reacted.json().reactions).toEqual([{ emoji: '👍', by: 'agent' }]);
    await expect
      .poll(() => sentTo(phone).find((m) => m.type === 'reaction')?.body, { timeout: 10_000 })
      .toMatchObject({ reaction: { message_id: inbound!.externalId, emoji: '👍' } });
    // the hidden reaction message is not a conversation line
    expect((await messagesOf(app, app.companyA.adminToken, ticketId)).map((m) => m.type)).not.toContain('reaction');

    const read = await app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/read`, token: app.companyA.adminToken });
    expect(read.json().unreadCount).toBe(0);
    await expect
      .poll(
        () =>
          app.graph.requests.some(
            (r) =>
              r.method === 'POST' &&
              (r.body as { status?: string; message_id?: string } | null)?.status === 'read' &&
              (r.body as { message_id?: string }).message_id === inbound!.externalId,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  it('validates the body and the quoted message', async () => {
    const { ticketId } = await conversation();
    const empty = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticketId}/messages`,
      token: app.companyA.adminToken,
      payload: { body: '   ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toHaveProperty('body');
    const quoted = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticketId}/messages`,
      token: app.companyA.adminToken,
      payload: { body: 'x', quotedMessageId: 999999 },
    });
    expect(quoted.statusCode).toBe(400);
    expect(quoted.json().error.fields).toHaveProperty('quotedMessageId');
  });
});
