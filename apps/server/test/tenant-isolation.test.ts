import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceKind } from '../src/modules/auth/index.js';
import { startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';

/**
 * Walks every registered /api route as company B's admin, with path ids that belong to company A.
 * Each route must answer 404 (the row is invisible) or 403 (the role may not), never touch A's data.
 * A new route is covered automatically; one with a path parameter of an unknown kind fails here
 * until its kind is declared in `config.params` and given a fixture below.
 */
let app: ConversationApp;
let fixtures: Record<ResourceKind, number>;

beforeAll(async () => {
  app = await startConversationApp();
  const agentOfA = await app.createUser(app.companyA, 'agent');
  const queue = await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: app.companyA.adminToken,
    payload: { name: 'Vendas', userIds: [agentOfA.id] },
  });
  expect((await app.postWebhook(textWebhook('5511955554444', 'oi').body)).statusCode).toBe(200);
  const [ticket] = await ticketsOf(app, app.companyA);
  const { rows } = await app.server.database.pool.query('select id from messages where ticket_id = $1 limit 1', [ticket!.id]);
  fixtures = {
    user: agentOfA.id,
    queue: queue.json().id,
    connection: app.cloudConnectionId,
    contact: ticket!.contact.id,
    ticket: ticket!.id,
    message: rows[0].id,
  };
});
afterAll(async () => app?.close());

const bodies: Record<string, unknown> = {
  PATCH: { name: 'Changed by another tenant' },
  POST: {
    password: 'another tenant password',
    name: 'x',
    body: 'from another tenant',
    language: 'pt_BR',
    userId: 1,
    emoji: '👍',
    phoneNumber: '5511987654321',
  },
  PUT: { name: 'x' },
};

describe('tenant isolation', () => {
  it("answers 404 or 403 on every /api route given another company's ids", async () => {
    const routes = app.server.routes.filter((r) => r.url.startsWith('/api/') && r.url.includes(':') && !r.config?.public);
    expect(routes.length).toBeGreaterThan(0);
    const methods = (r: (typeof routes)[number]) => ([] as string[]).concat(r.method).filter((m) => m !== 'HEAD');
    const checked: string[] = [];
    for (const route of routes) {
      const kinds = route.config?.params ?? {};
      let url = route.url;
      for (const param of url.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        const kind = kinds[param.slice(1)];
        expect(kind, `${route.url}: declare config.params.${param.slice(1)}`).toBeDefined();
        const id = fixtures[kind!];
        expect(id, `${route.url}: no fixture for kind ${kind}`).toBeDefined();
        url = url.replace(param, String(id));
      }
      for (const method of methods(route)) {
        const response = await app.inject({
          method: method,
          url,
          token: app.companyB.adminToken,
          payload: bodies[method] as object | undefined,
        });
        expect([403, 404], `${method} ${route.url} answered ${response.statusCode} ${response.body}`).toContain(response.statusCode);
        checked.push(`${method} ${route.url}`);
      }
    }
    // company A's agent is untouched
    const agent = await app.inject({ method: 'GET', url: `/api/users/${fixtures.user}`, token: app.companyA.adminToken });
    expect(agent.json().name).not.toBe('Changed by another tenant');
    expect(checked).toContain('PATCH /api/users/:id');
    expect(checked).toContain('POST /api/tickets/:id/messages');
    // company A's conversation is untouched
    const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${fixtures.ticket}`, token: app.companyA.adminToken });
    expect(ticket.json()).toMatchObject({ status: 'pending', userId: null });
    const { rows } = await app.server.database.pool.query('select count(*)::int as n from messages where ticket_id = $1', [
      fixtures.ticket,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it("lists only the caller's own company", async () => {
    const list = await app.inject({ method: 'GET', url: '/api/users', token: app.companyB.adminToken });
    const ids = list.json().items.map((u: { id: number }) => u.id);
    expect(ids).toContain(app.companyB.adminId);
    expect(ids).not.toContain(app.companyA.adminId);
    expect(ids).not.toContain(fixtures.user);
  });
});
