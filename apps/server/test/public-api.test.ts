import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiScopes } from '@jimmy/contracts';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { createApiToken } from './public-api.harness.js';

/** The public API v1: sending by number (text, media, template, quick response), idempotency, tickets and contacts. */

let app: ConversationApp;
let files: Server;
let filesUrl: string;
let all: { id: number; token: string };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

beforeAll(async () => {
  app = await startConversationApp();
  // A shop's file server: the media-by-URL case downloads from it.
  files = createServer((request, response) => {
    if (request.url === '/nota.png') response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
// A fresh all-scopes token per test keeps each test far below the per-token limit.
beforeEach(async () => {
  all = await createApiToken(app, app.companyA, apiScopes);
});
afterAll(async () => {
  files?.close();
  await app?.close();
});

let phoneCounter = 0;
const newPhone = () => `55219${String(30_000_000 + phoneCounter++).padStart(8, '0')}`;
/** A customer who just wrote: the 24-hour window is open. */
async function customerWrote(phone: string) {
  expect((await app.postWebhook(textWebhook(phone, 'oi, quero saber do meu pedido').body)).statusCode).toBe(200);
}
const sentTo = (phone: string) => app.graph.sentMessages().filter((m) => m.to === phone);
const send = (payload: object, options: { token?: string; key?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/messages',
    token: options.token ?? all.token,
    headers: options.key ? { 'idempotency-key': options.key } : {},
    payload,
  });
const messageStatus = async (id: number) =>
  (await app.inject({ method: 'GET', url: `/api/v1/messages/${id}`, token: all.token })).json<{ status: string }>().status;

describe('POST /api/v1/messages', () => {
  it('sends a text to a customer who wrote, as the bot on behalf of the token, and reports its status', async () => {
    const phone = newPhone();
    await customerWrote(phone);
    const response = await send({ connectionId: app.cloudConnectionId, to: `+${phone}`, text: 'Seu pedido saiu para entrega' });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ status: 'pending', ticketCreated: false, contactCreated: false });
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    expect(sentTo(phone)[0]!.body).toMatchObject({ type: 'text', text: { body: 'Seu pedido saiu para entrega' } });
    await expect.poll(() => messageStatus(body.id), { timeout: 10_000 }).toBe('sent');
    const { rows } = await app.server.database.pool.query('select author, user_id, payload from messages where id = $1', [body.id]);
    expect(rows[0]).toMatchObject({ author: 'bot', user_id: null, payload: { origin: { via: 'api', id: all.id } } });
    // The waiting ticket is not taken by anybody: an API message is not an agent's reply.
    const ticket = await app.inject({ method: 'GET', url: `/api/v1/tickets/${body.ticketId}`, token: all.token });
    expect(ticket.json()).toMatchObject({ status: 'pending', userId: null });
  });

  it('refuses a text to a new number on a Cloud number (window closed) and leaves nothing behind', async () => {
    const phone = newPhone();
    const response = await send({ connectionId: app.cloudConnectionId, to: `+${phone}`, text: 'oi' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('WINDOW_CLOSED');
    const { rows } = await app.server.database.pool.query('select id from contacts where wa_id = $1', [phone]);
    expect(rows).toEqual([]);
  });

  it('starts a conversation with a template: contact and ticket created in a queue, tagged, left closed', async () => {
    const queue = await app.inject({ method: 'POST', url: '/api/queues', token: app.companyA.adminToken, payload: { name: 'Pedidos' } });
    const tag = await app.inject({
      method: 'POST',
      url: '/api/tags',
      token: app.companyA.adminToken,
      payload: { name: 'Loja', color: '#123456' },
    });
    const phone = newPhone();
    const response = await send({
      connectionId: app.cloudConnectionId,
      to: `+${phone}`,
      name: 'Maria',
      template: { name: 'order_update', language: 'pt_BR', parameters: ['#1234', 'amanhã'] },
      ticket: { queueId: queue.json().id, tagIds: [tag.json().id], close: true },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ ticketCreated: true, contactCreated: true });
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    expect(sentTo(phone)[0]!.body).toMatchObject({
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'pt_BR' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: '#1234' },
              { type: 'text', text: 'amanhã' },
            ],
          },
        ],
      },
    });
    const ticket = await app.inject({ method: 'GET', url: `/api/v1/tickets/${response.json().ticketId}`, token: all.token });
    expect(ticket.json()).toMatchObject({
      status: 'closed',
      queueId: queue.json().id,
      tags: [{ id: tag.json().id }],
      contact: { name: 'Maria', phone: `+${phone}` },
    });
    const unknownTag = await send({
      connectionId: app.cloudConnectionId,
      to: `+${newPhone()}`,
      template: { name: 'order_update', language: 'pt_BR' },
      ticket: { tagIds: [99_999_999] },
    });
    expect(unknownTag.statusCode).toBe(400);
    expect(unknownTag.json().error.fields).toHaveProperty(['ticket.tagIds.0']);
  });

  it('sends media by URL and by upload', async () => {
    const phone = newPhone();
    await customerWrote(phone);
    const byUrl = await send({
      connectionId: app.cloudConnectionId,
      to: phone,
      media: { url: `${filesUrl}/nota.png`, caption: 'Sua nota' },
    });
    expect(byUrl.statusCode, byUrl.body).toBe(201);
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    const first = sentTo(phone)[0]!.body as { type: string; image: { id: string; caption: string } };
    expect(first).toMatchObject({ type: 'image', image: { caption: 'Sua nota' } });
    expect(app.graph.uploadedMedia(first.image.id)?.bytes.equals(PNG)).toBe(true);

    const upload = await send({
      connectionId: app.cloudConnectionId,
      to: phone,
      media: { upload: { data: Buffer.from('%PDF-1.4 nota').toString('base64'), mimeType: 'application/pdf' }, filename: 'nota.pdf' },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(2);
    expect(sentTo(phone)[1]!.body).toMatchObject({ type: 'document', document: { filename: 'nota.pdf' } });

    const missing = await send({ connectionId: app.cloudConnectionId, to: phone, media: { url: `${filesUrl}/nope.png` } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty(['media.url']);
    const both = await send({ connectionId: app.cloudConnectionId, to: phone, text: 'a', template: { name: 'x', language: 'pt_BR' } });
    expect(both.statusCode).toBe(400);
  });

  it('sends a quick response by its shortcut, filled for the contact', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/quick-responses',
      token: app.companyA.adminToken,
      payload: { shortcut: 'prazo', body: 'Olá {{nome}}, o prazo é de 3 dias.', scope: 'company' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const phone = newPhone();
    await customerWrote(phone);
    const response = await send({ connectionId: app.cloudConnectionId, to: phone, quickResponse: { shortcut: 'prazo' } });
    expect(response.statusCode, response.body).toBe(201);
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    expect(sentTo(phone)[0]!.body).toMatchObject({
      type: 'text',
      text: { body: expect.stringMatching(/^Olá .+, o prazo é de 3 dias\.$/) },
    });
    const unknown = await send({ connectionId: app.cloudConnectionId, to: phone, quickResponse: { shortcut: 'nao-existe' } });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  it('answers the same key and body with the first answer and sends once; another body is a 422', async () => {
    const phone = newPhone();
    await customerWrote(phone);
    const payload = { connectionId: app.cloudConnectionId, to: phone, text: 'Pedido confirmado' };
    const first = await send(payload, { key: `order-${phone}` });
    expect(first.statusCode, first.body).toBe(201);
    const again = await send({ text: 'Pedido confirmado', to: phone, connectionId: app.cloudConnectionId }, { key: `order-${phone}` });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await send({ ...payload, text: 'Outro texto' }, { key: `order-${phone}` });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    const { rows } = await app.server.database.pool.query(
      `select count(*)::int as n from messages m join tickets t on t.id = m.ticket_id join contacts c on c.id = t.contact_id
        where c.wa_id = $1 and m.direction = 'out'`,
      [phone],
    );
    expect(rows[0].n).toBe(1);
  });

  it('lets only one of two concurrent duplicates act', async () => {
    const phone = newPhone();
    await customerWrote(phone);
    const payload = { connectionId: app.cloudConnectionId, to: phone, text: 'Só uma vez' };
    const answers = await Promise.all([send(payload, { key: `race-${phone}` }), send(payload, { key: `race-${phone}` })]);
    const statuses = answers.map((a) => a.statusCode).sort();
    // The loser either waited for nothing (409, retry) or came after the winner's answer (replayed 201).
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    await expect.poll(() => sentTo(phone).length, { timeout: 10_000 }).toBe(1);
    const retried = await send(payload, { key: `race-${phone}` });
    expect(retried.statusCode).toBe(201);
    expect(retried.json().id).toBe(answers.find((a) => a.statusCode === 201)!.json().id);
  });

  it('frees the key when the request fails, and is per company', async () => {
    const phone = newPhone();
    const refused = await send({ connectionId: app.cloudConnectionId, to: phone, text: 'x' }, { key: `k-${phone}` });
    expect(refused.statusCode).toBe(422); // window closed: nothing done
    await customerWrote(phone);
    const ok = await send({ connectionId: app.cloudConnectionId, to: phone, text: 'x' }, { key: `k-${phone}` });
    expect(ok.statusCode, ok.body).toBe(201);
    // After 24 hours the key is forgotten: another request may use it.
    await app.server.database.pool.query(
      `update api_idempotency_keys set created_at = now() - interval '25 hours' where company_id = $1 and key = $2`,
      [app.companyA.id, `k-${phone}`],
    );
    const later = await send({ connectionId: app.cloudConnectionId, to: phone, text: 'y' }, { key: `k-${phone}` });
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().id).not.toBe(ok.json().id);
    const foreign = await createApiToken(app, app.companyB, ['contacts:write']);
    const b = await app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      token: foreign.token,
      headers: { 'idempotency-key': `k-${phone}` },
      payload: { name: 'B', phone: `+${phone}` },
    });
    expect(b.statusCode, b.body).toBe(201);
  });
});

describe('tickets, contacts, queues and tags', () => {
  it('lists, transfers and closes tickets', async () => {
    const queue = await app.inject({ method: 'POST', url: '/api/queues', token: app.companyA.adminToken, payload: { name: 'Trocas' } });
    const phone = newPhone();
    await customerWrote(phone);
    const sent = await send({ connectionId: app.cloudConnectionId, to: phone, text: 'oi' });
    const ticketId = sent.json().ticketId;
    const list = await app.inject({ method: 'GET', url: `/api/v1/tickets?contactId=${sent.json().contactId}`, token: all.token });
    expect(list.json().items.map((t: { id: number }) => t.id)).toEqual([ticketId]);
    const transfer = await app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/transfer`,
      token: all.token,
      payload: { queueId: queue.json().id, note: 'da loja' },
    });
    expect(transfer.statusCode, transfer.body).toBe(200);
    expect(transfer.json()).toMatchObject({ queueId: queue.json().id, status: 'pending' });
    const close = await app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/close`, token: all.token, payload: {} });
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json().status).toBe('closed');
    const queues = await app.inject({ method: 'GET', url: '/api/v1/queues', token: all.token });
    expect(queues.json().items.map((q: { name: string }) => q.name)).toContain('Trocas');
    const tags = await app.inject({ method: 'GET', url: '/api/v1/tags', token: all.token });
    expect(tags.statusCode).toBe(200);
    // The transfer's note is there, written under the token's name.
    const { rows } = await app.server.database.pool.query(`select body from messages where ticket_id = $1 and type = 'note'`, [ticketId]);
    expect(rows).toEqual([{ body: 'da loja' }]);
  });

  it('creates, reads, changes and deletes contacts with tags and custom fields', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/custom-fields',
      token: app.companyA.adminToken,
      payload: { key: 'plano', label: 'Plano', type: 'text' },
    });
    const tag = await app.inject({
      method: 'POST',
      url: '/api/tags',
      token: app.companyA.adminToken,
      payload: { name: 'Cliente', color: '#00aa00' },
    });
    const phone = newPhone();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      token: all.token,
      payload: { name: 'João', phone: `+${phone}`, email: 'joao@example.com', customFields: { plano: 'Pro' }, tagIds: [tag.json().id] },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'João',
      phone: `+${phone}`,
      customFields: { plano: 'Pro' },
      tags: [{ id: tag.json().id }],
    });
    const id = created.json().id;
    const duplicate = await app.inject({ method: 'POST', url: '/api/v1/contacts', token: all.token, payload: { name: 'J', phone } });
    expect(duplicate.statusCode).toBe(409);
    const unknownField = await app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${id}`,
      token: all.token,
      payload: { customFields: { inexistente: 'x' } },
    });
    expect(unknownField.statusCode).toBe(400);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${id}`,
      token: all.token,
      payload: { name: 'João Silva', tagIds: [] },
    });
    expect(patched.json()).toMatchObject({ name: 'João Silva', tags: [], customFields: { plano: 'Pro' } });
    const found = await app.inject({ method: 'GET', url: `/api/v1/contacts?q=${phone}`, token: all.token });
    expect(found.json().items.map((c: { id: number }) => c.id)).toEqual([id]);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/contacts/${id}`, token: all.token })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/contacts/${id}`, token: all.token })).statusCode).toBe(404);
    // A contact with conversations keeps its history.
    const talking = newPhone();
    await customerWrote(talking);
    const sent = await send({ connectionId: app.cloudConnectionId, to: talking, text: 'oi' });
    const refused = await app.inject({ method: 'DELETE', url: `/api/v1/contacts/${sent.json().contactId}`, token: all.token });
    expect(refused.statusCode).toBe(409);
  });
});
