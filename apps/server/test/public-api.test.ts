import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiScopes, type ApiScope } from '@jimmy/contracts';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { createApiToken } from './public-api.harness.js';

const RATE_LIMIT = 40;
let app: ConversationApp;
let files: Server;
let filesUrl: string;
let all: { id: number; token: string };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

beforeAll(async () => {
  app = await startConversationApp({ API_RATE_LIMIT: String(RATE_LIMIT) });
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

describe('API tokens', () => {
  it('is shown once, listed without the secret, and only admins manage them', async () => {
    const created = await createApiToken(app, app.companyA, ['messages:send'], { name: 'Loja virtual' });
    expect(created.token).toMatch(/^jc_live_[A-Za-z0-9_-]{43}$/);
    const list = await app.inject({ method: 'GET', url: '/api/api-tokens', token: app.companyA.adminToken });
    const listed = list.json().items.find((t: { id: number }) => t.id === created.id);
    expect(listed).toMatchObject({ name: 'Loja virtual', scopes: ['messages:send'], prefix: created.token.slice(0, 12), revokedAt: null });
    expect(list.body).not.toContain(created.token);
    const { rows } = await app.server.database.pool.query('select token_hash from api_tokens where id = $1', [created.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const agent = await app.createUser(app.companyA, 'agent');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      token: agent.token,
      payload: { name: 'x', scopes: ['tickets:read'] },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      token: app.companyA.adminToken,
      payload: { name: 'x', scopes: ['tickets:delete'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['scopes.0']);
  });

  it('records the last use and address', async () => {
    const created = await createApiToken(app, app.companyA, ['tickets:read']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/tickets', token: created.token })).statusCode).toBe(200);
    await expect
      .poll(async () => {
        const items = (await app.inject({ method: 'GET', url: '/api/api-tokens', token: app.companyA.adminToken })).json().items;
        return items.find((t: { id: number }) => t.id === created.id);
      })
      .toMatchObject({ lastUsedAt: expect.any(String), lastUsedIp: '127.0.0.1' });
  });

  it('gives each scope exactly its routes: every /api/v1 route names one, a token without it gets 403', async () => {
    const v1 = app.server.routes.filter((r) => r.url.startsWith('/api/v1/'));
    expect(v1.length).toBeGreaterThanOrEqual(12);
    for (const route of v1) expect(route.config?.apiScope, `${String(route.method)} ${route.url}`).toBeDefined();
    const scoped = app.server.routes.filter((r) => r.config?.apiScope);
    const tokens = new Map<ApiScope, { without: string; only: string }>();
    for (const scope of new Set(scoped.map((r) => r.config!.apiScope!))) {
      tokens.set(scope, {
        without: (
          await createApiToken(
            app,
            app.companyA,
            apiScopes.filter((s) => s !== scope),
          )
        ).token,
        only: (await createApiToken(app, app.companyA, [scope])).token,
      });
    }
    for (const route of scoped) {
      const url = route.url.replace(/:[A-Za-z]+/g, '999999');
      for (const method of ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD')) {
        const { without, only } = tokens.get(route.config!.apiScope!)!;
        const refused = await app.inject({ method: method, url, token: without, payload: method === 'GET' ? undefined : {} });
        expect(refused.statusCode, `${method} ${route.url} without ${route.config!.apiScope}`).toBe(403);
        expect(refused.json().error.code).toBe('API_SCOPE_MISSING');
        const allowed = await app.inject({ method: method, url, token: only, payload: method === 'GET' ? undefined : {} });
        expect([401, 403], `${method} ${route.url} with only ${route.config!.apiScope}: ${allowed.body}`).not.toContain(allowed.statusCode);
      }
    }
    // Routes not opened to integrators refuse every token, whatever its scopes.
    for (const url of ['/api/tickets', '/api/api-tokens', '/api/users', '/api/me']) {
      const response = await app.inject({ method: 'GET', url, token: all.token });
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe('API_TOKEN_NOT_ALLOWED');
    }
    const mint = await app.inject({ method: 'POST', url: '/api/api-tokens', token: all.token, payload: { name: 'x', scopes: apiScopes } });
    expect(mint.statusCode).toBe(403);
  });

  it('refuses a revoked, an expired or an unknown token with 401', async () => {
    const revoked = await createApiToken(app, app.companyA, ['tickets:read']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/tickets', token: revoked.token })).statusCode).toBe(200);
    const del = await app.inject({ method: 'DELETE', url: `/api/api-tokens/${revoked.id}`, token: app.companyA.adminToken });
    expect(del.statusCode).toBe(204);
    const afterRevoke = await app.inject({ method: 'GET', url: '/api/v1/tickets', token: revoked.token });
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json().error.code).toBe('API_TOKEN_REVOKED');

    const expiring = await createApiToken(app, app.companyA, ['tickets:read'], {
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/tickets', token: expiring.token })).statusCode).toBe(200);
    await app.server.database.pool.query(`update api_tokens set expires_at = now() - interval '1 second' where id = $1`, [expiring.id]);
    const expired = await app.inject({ method: 'GET', url: '/api/v1/tickets', token: expiring.token });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('API_TOKEN_EXPIRED');

    const unknown = await app.inject({ method: 'GET', url: '/api/v1/tickets', token: `jc_live_${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(401);
    const past = await app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      token: app.companyA.adminToken,
      payload: { name: 'x', scopes: ['tickets:read'], expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toHaveProperty('expiresAt');
  });

  it("cannot reach another company's rows (404) nor revoke its tokens", async () => {
    const phone = newPhone();
    await customerWrote(phone);
    const sent = await send({ connectionId: app.cloudConnectionId, to: `+${phone}`, text: 'Olá' });
    expect(sent.statusCode, sent.body).toBe(201);
    const { id, ticketId, contactId } = sent.json();
    const foreign = await createApiToken(app, app.companyB, apiScopes);
    for (const url of [`/api/v1/messages/${id}`, `/api/v1/tickets/${ticketId}`, `/api/v1/contacts/${contactId}`]) {
      const response = await app.inject({ method: 'GET', url, token: foreign.token });
      expect(response.statusCode, url).toBe(404);
    }
    const close = await app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/close`, token: foreign.token, payload: {} });
    expect(close.statusCode).toBe(404);
    const toAConnection = await send({ connectionId: app.cloudConnectionId, to: `+${phone}`, text: 'x' }, { token: foreign.token });
    expect(toAConnection.statusCode).toBe(400);
    expect(toAConnection.json().error.fields).toHaveProperty('connectionId');
    const revokeA = await app.inject({ method: 'DELETE', url: `/api/api-tokens/${all.id}`, token: app.companyB.adminToken });
    expect(revokeA.statusCode).toBe(404);
    const listB = await app.inject({ method: 'GET', url: '/api/v1/tickets', token: foreign.token });
    expect(listB.json().items).toEqual([]);
  });

  it('limits each token per minute: 429 with Retry-After, other tokens unaffected', async () => {
    const busy = await createApiToken(app, app.companyA, ['tickets:read']);
    const calm = await createApiToken(app, app.companyA, ['tickets:read']);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof app.inject>> | undefined;
    for (let i = 0; i <= RATE_LIMIT; i++) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/queues', token: busy.token });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) limited = response;
    }
    expect(statuses.slice(0, RATE_LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses[RATE_LIMIT]).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited?.json().error.code).toBe('RATE_LIMITED');
    expect((await app.inject({ method: 'GET', url: '/api/v1/queues', token: calm.token })).statusCode).toBe(200);
    // A signed-in admin is never throttled by tokens' limits.
    expect((await app.inject({ method: 'GET', url: '/api/v1/queues', token: app.companyA.adminToken })).statusCode).toBe(200);
  });
});

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
