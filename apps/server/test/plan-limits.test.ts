import type { PlanFeature, PlanLimits, LimitedResource } from '@jimmy/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { startTestApp, type TestCompany } from './harness.js';

/**
 * Plan limits through HTTP (SAAS=on, the default): every route that creates a limited thing carries
 * `config.limit`, and the hook refuses one over the plan with 402 and what was counted.
 */
let app: ConversationApp;
/** Company C: on the small plan below (company A keeps its Cloud connection and no plan until the message tests). */
let small: TestCompany;

const limits: PlanLimits = {
  users: 2,
  connections: 1,
  queues: 1,
  flows: 1,
  messagesPerMonth: 1000,
  apiAccess: false,
  internalChat: false,
};

async function createPlan(values: PlanLimits): Promise<number> {
  const { rows } = await app.server.database.pool.query<{ id: number }>(
    `insert into plans (name, price_cents, trial_days, limits) values ($1, 100, 7, $2) returning id`,
    [`Teste ${Math.random().toString(36).slice(2, 8)}`, JSON.stringify(values)],
  );
  return Number(rows[0]!.id);
}
const setPlan = (companyId: number, planId: number | null) =>
  app.server.database.pool.query('update companies set plan_id = $2 where id = $1', [companyId, planId]);

const post = (company: TestCompany, url: string, payload: object) =>
  app.inject({ method: 'POST', url, token: company.adminToken, payload });

function expectLimit(response: Awaited<ReturnType<typeof post>>, resource: LimitedResource, limit: number, used: number) {
  expect(response.statusCode, response.body).toBe(402);
  const error = response.json().error;
  expect(error.code).toBe('PLAN_LIMIT_REACHED');
  expect(error.details).toEqual({ resource, limit, used });
  expect(error.message).toContain(String(limit));
}
function expectFeature(response: Awaited<ReturnType<typeof post>>, feature: PlanFeature) {
  expect(response.statusCode, response.body).toBe(402);
  expect(response.json().error).toMatchObject({ code: 'PLAN_FEATURE_UNAVAILABLE', details: { feature } });
}

beforeAll(async () => {
  app = await startConversationApp();
  small = await app.createCompany('Company Small');
  await setPlan(small.id, await createPlan(limits));
}, 120_000);
afterAll(() => app?.close());

describe('the route table', () => {
  /** What each creating route counts against. A creating route added later must join this list with its mark. */
  const known: Record<string, LimitedResource | PlanFeature> = {
    'POST /api/users': 'users',
    'POST /api/connections': 'connections',
    'POST /api/queues': 'queues',
    'POST /api/flows': 'flows',
    'POST /api/api-tokens': 'apiAccess',
    'POST /api/tickets/:id/messages': 'messagesPerMonth',
    'POST /api/tickets/:id/template': 'messagesPerMonth',
    'POST /api/tickets/:id/quick-responses/:quickResponseId/send': 'messagesPerMonth',
    'POST /api/tickets/:id/scheduled-messages': 'messagesPerMonth',
    'POST /api/contacts/:id/scheduled-messages': 'messagesPerMonth',
    'POST /api/v1/messages': 'messagesPerMonth',
    'POST /api/chat/conversations': 'internalChat',
    'POST /api/chat/conversations/:id/messages': 'internalChat',
    'POST /api/announcements': 'internalChat',
  };
  /**
   * Which routes create something a plan limits, by their shape: anything new under these paths
   * must say what it counts (or be listed as not creating). Reading, editing and deleting are free.
   */
  const creating: [RegExp, LimitedResource | PlanFeature][] = [
    // First: the chat's messages end in /messages too, but they are internal chat, not sends.
    [/^\/api\/chat\/conversations(\/:id\/messages)?$|^\/api\/announcements$/, 'internalChat'],
    [/^\/api\/users(\/[a-z-]+)?$/, 'users'],
    [/^\/api\/connections$/, 'connections'],
    [/^\/api\/queues$/, 'queues'],
    [/^\/api\/flows$|^\/api\/flows(\/:id)?\/(duplicate|import|copy)$/, 'flows'],
    [/^\/api\/api-tokens$/, 'apiAccess'],
    [/\/(messages|template|send|scheduled-messages|outreach|broadcasts?)$/, 'messagesPerMonth'],
  ];
  /** Matched by a shape above but creating nothing counted. */
  const notCreating = new Set(['POST /api/users/:id/password', 'PUT /api/queues/order']);

  it('marks every creating route with what it counts, and nothing else', () => {
    const marked = new Map<string, string>();
    const shaped = new Map<string, string>();
    for (const route of app.server.routes) {
      for (const method of ([] as string[]).concat(route.method)) {
        if (method === 'HEAD' || method === 'GET') continue;
        const key = `${method} ${route.url}`;
        const mark = (route.config as { limit?: string } | undefined)?.limit;
        if (mark) marked.set(key, mark);
        if (method !== 'POST' || notCreating.has(key) || !route.url.startsWith('/api/')) continue;
        const match = creating.find(([pattern]) => pattern.test(route.url));
        if (match) shaped.set(key, match[1]);
      }
    }
    for (const [key, mark] of Object.entries(known)) expect(marked.get(key), key).toBe(mark);
    for (const [key, mark] of shaped) expect(marked.get(key), `${key} creates something counted (${mark}): mark it`).toBe(mark);
    for (const [key, mark] of marked) expect(known[key] ?? shaped.get(key), `${key} is marked ${mark}: list it here`).toBe(mark);
  });
});

describe('limits', () => {
  it('users: up to the plan, then 402 with what was counted (pending invitations hold a seat)', async () => {
    // The admin is user 1 of 2.
    const second = await app.createUser(small, 'agent');
    expect(second.id).toBeGreaterThan(0);
    const over = await post(small, '/api/users', {
      name: 'Três',
      email: `tres-${Date.now()}@example.com`,
      password: 'a long enough password',
      role: 'agent',
    });
    expectLimit(over, 'users', 2, 2);
    // An inactive user frees the seat; an unanswered invitation takes it again.
    await app.server.database.pool.query('update users set active = false where id = $1', [second.id]);
    await app.server.database.pool.query(
      `insert into account_tokens (company_id, user_id, kind, token_hash, expires_at) values ($1, $2, 'invite', $3, now() + interval '1 day')`,
      [small.id, second.id, `hash-${Date.now()}`],
    );
    expectLimit(
      await post(small, '/api/users', {
        name: 'Três',
        email: `tres2-${Date.now()}@example.com`,
        password: 'a long enough password',
        role: 'agent',
      }),
      'users',
      2,
      2,
    );
    await app.server.database.pool.query(`update account_tokens set used_at = now() where user_id = $1`, [second.id]);
    const freed = await post(small, '/api/users', {
      name: 'Três',
      email: `tres3-${Date.now()}@example.com`,
      password: 'a long enough password',
      role: 'agent',
    });
    expect(freed.statusCode, freed.body).toBe(201);
  });

  it('connections, queues and flows: one each, the second is refused', async () => {
    expect((await post(small, '/api/connections', { type: 'webchat', name: 'Site' })).statusCode).toBe(201);
    expectLimit(await post(small, '/api/connections', { type: 'webchat', name: 'Outro site' }), 'connections', 1, 1);
    expect((await post(small, '/api/queues', { name: 'Vendas', userIds: [] })).statusCode).toBe(201);
    expectLimit(await post(small, '/api/queues', { name: 'Suporte', userIds: [] }), 'queues', 1, 1);
    expect((await post(small, '/api/flows', { name: 'Boas-vindas' })).statusCode).toBe(201);
    expectLimit(await post(small, '/api/flows', { name: 'Outro' }), 'flows', 1, 1);
  });

  it('features: API tokens, internal chat and announcements are refused when the plan lacks them', async () => {
    expectFeature(await post(small, '/api/api-tokens', { name: 'ERP', scopes: ['tickets:read'] }), 'apiAccess');
    expectFeature(await post(small, '/api/announcements', { title: 'Oi', body: 'Aviso', audience: { kind: 'everyone' } }), 'internalChat');
    expectFeature(await post(small, '/api/chat/conversations', { kind: 'direct', userIds: [small.adminId] }), 'internalChat');
    // Reading stays open: what was written before a downgrade is never hidden.
    expect((await app.inject({ method: 'GET', url: '/api/announcements', token: small.adminToken })).statusCode).toBe(200);
  });

  it('an API token made before a downgrade stops working on /api/v1 while the plan lacks API access', async () => {
    const company = await app.createCompany('Company Downgrade');
    const created = await post(company, '/api/api-tokens', { name: 'ERP', scopes: ['tickets:read'] });
    expect(created.statusCode, created.body).toBe(201);
    const token = created.json<{ token: string }>().token;
    expect((await app.inject({ method: 'GET', url: '/api/v1/tickets', token })).statusCode).toBe(200);
    await setPlan(company.id, await createPlan(limits));
    expectFeature(await app.inject({ method: 'GET', url: '/api/v1/tickets', token }), 'apiAccess');
    await setPlan(company.id, await createPlan({ ...limits, apiAccess: true }));
    expect((await app.inject({ method: 'GET', url: '/api/v1/tickets', token })).statusCode).toBe(200);
  });

  it('a company without a plan is limited by nothing', async () => {
    for (const name of ['Q1', 'Q2', 'Q3']) expect((await post(app.companyB, '/api/queues', { name, userIds: [] })).statusCode).toBe(201);
    const usage = (await app.inject({ method: 'GET', url: '/api/usage', token: app.companyB.adminToken })).json();
    expect(usage.plan).toBeNull();
    expect(usage.items.every((item: { limit: number | null }) => item.limit === null)).toBe(true);
    expect(usage.features).toEqual({ apiAccess: true, internalChat: true });
  });

  it('messages per month: counted when stored (out and in), refused over the limit', async () => {
    const phone = '5511977770001';
    expect((await app.postWebhook(textWebhook(phone, 'oi').body)).statusCode).toBe(200);
    const { rows } = await app.server.database.pool.query<{ id: number }>(
      `select t.id from tickets t join contacts c on c.id = t.contact_id where c.wa_id = $1 and t.company_id = $2`,
      [phone, app.companyA.id],
    );
    const ticketId = Number(rows[0]!.id);
    const usageOf = async () => {
      const response = await app.inject({ method: 'GET', url: '/api/usage', token: app.companyA.adminToken });
      expect(response.statusCode).toBe(200);
      return response.json<{ items: { resource: string; used: number; limit: number | null }[] }>();
    };
    const sentBefore = (await usageOf()).items.find((item) => item.resource === 'messagesPerMonth')!.used;
    const send = await post(app.companyA, `/api/tickets/${ticketId}/messages`, { body: 'Olá!' });
    expect(send.statusCode, send.body).toBe(201);
    const sent = (await usageOf()).items.find((item) => item.resource === 'messagesPerMonth')!.used;
    expect(sent).toBe(sentBefore + 1);
    const { rows: monthly } = await app.server.database.pool.query<{ messages_in: number }>(
      'select messages_in from usage_monthly where company_id = $1',
      [app.companyA.id],
    );
    expect(Number(monthly[0]!.messages_in)).toBeGreaterThanOrEqual(1);

    await setPlan(app.companyA.id, await createPlan({ ...limits, users: null, connections: null, messagesPerMonth: sent }));
    expectLimit(await post(app.companyA, `/api/tickets/${ticketId}/messages`, { body: 'De novo' }), 'messagesPerMonth', sent, sent);
    const usage = await usageOf();
    expect(usage.items.find((item) => item.resource === 'messagesPerMonth')).toEqual({
      resource: 'messagesPerMonth',
      used: sent,
      limit: sent,
    });
    expect(usage.items.find((item) => item.resource === 'connections')).toEqual({ resource: 'connections', used: 1, limit: null });
    // Customers still get through: inbound messages are never refused.
    expect((await app.postWebhook(textWebhook(phone, 'ainda aí?').body)).statusCode).toBe(200);
  });

  it('GET /api/usage is for admins only', async () => {
    const agent = await app.createUser(app.companyB, 'agent');
    expect((await app.inject({ method: 'GET', url: '/api/usage', token: agent.token })).statusCode).toBe(403);
  });
});

describe('SAAS=off', () => {
  it('limits nothing and has no usage route, even for a company that has a plan', async () => {
    const selfHosted = await startTestApp({ SAAS: 'off' });
    try {
      const { rows } = await selfHosted.server.database.pool.query<{ id: number }>(
        `insert into plans (name, price_cents, trial_days, limits) values ('Zero', 0, 7, $1) returning id`,
        [JSON.stringify({ ...limits, queues: 0 })],
      );
      await selfHosted.server.database.pool.query('update companies set plan_id = $2 where id = $1', [selfHosted.companyA.id, rows[0]!.id]);
      const queue = await selfHosted.inject({
        method: 'POST',
        url: '/api/queues',
        token: selfHosted.companyA.adminToken,
        payload: { name: 'Vendas', userIds: [] },
      });
      expect(queue.statusCode, queue.body).toBe(201);
      expect((await selfHosted.inject({ method: 'GET', url: '/api/usage', token: selfHosted.companyA.adminToken })).statusCode).toBe(404);
      expect(selfHosted.server.services.planJobs).toBeUndefined();
    } finally {
      await selfHosted.close();
    }
  }, 120_000);
});
