import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiScopes, type ApiScope } from '@jimmy/contracts';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { createApiToken } from './public-api.harness.js';

/** Tokens: shown once, hashed, scoped route by route, revoked and expired, tenant-scoped, throttled. */
const RATE_LIMIT = 40;
let app: ConversationApp;
let all: { id: number; token: string };

beforeAll(async () => {
  app = await startConversationApp({ API_RATE_LIMIT: String(RATE_LIMIT) });
});
// A fresh all-scopes token per test keeps each test far below the per-token limit.
beforeEach(async () => {
  all = await createApiToken(app, app.companyA, apiScopes);
});
afterAll(async () => app?.close());

let phoneCounter = 0;
const newPhone = () => `55219${String(40_000_000 + phoneCounter++).padStart(8, '0')}`;
/** A customer who just wrote: the 24-hour window is open. */
async function customerWrote(phone: string) {
  expect((await app.postWebhook(textWebhook(phone, 'oi').body)).statusCode).toBe(200);
}
const send = (payload: object, options: { token?: string } = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/messages', token: options.token ?? all.token, payload });

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
    // Not a write per request: within the minute, more requests leave the stored time alone.
    const marked = '2020-01-01T00:00:00.000Z';
    await app.server.database.pool.query('update api_tokens set last_used_at = $2 where id = $1', [created.id, marked]);
    for (let i = 0; i < 3; i++)
      expect((await app.inject({ method: 'GET', url: '/api/v1/queues', token: created.token })).statusCode).toBe(200);
    const { rows } = await app.server.database.pool.query('select last_used_at from api_tokens where id = $1', [created.id]);
    expect(new Date(rows[0].last_used_at).toISOString()).toBe(marked);
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
