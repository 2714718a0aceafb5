import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceKind } from '../src/modules/auth/index.js';
import { startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { uploadFlowMedia } from './flows-runtime.harness.js';
import { apiScopes } from '@jimmy/contracts';
import { createApiToken } from './public-api.harness.js';

/**
 * Walks every registered /api route as company B's admin, with path ids that belong to company A.
 * Each route must answer 404 (the row is invisible) or 403 (the role may not), never touch A's data.
 * A new route is covered automatically; one with a path parameter of an unknown kind fails here
 * until its kind is declared in `config.params` and given a fixture below.
 */
let app: ConversationApp;
let fixtures: Record<ResourceKind, number>;
let agentOfAToken: string;
/** Company B's API token with every scope: the public API's routes are walked with it too. */
let tokenOfB: string;

beforeAll(async () => {
  app = await startConversationApp();
  const agentOfA = await app.createUser(app.companyA, 'agent', 'Agente Ana');
  agentOfAToken = agentOfA.token;
  const queue = await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: app.companyA.adminToken,
    payload: { name: 'Vendas', userIds: [agentOfA.id] },
  });
  expect((await app.postWebhook(textWebhook('5511955554444', 'oi').body)).statusCode).toBe(200);
  const [ticket] = await ticketsOf(app, app.companyA);
  const { rows } = await app.server.database.pool.query('select id from messages where ticket_id = $1 limit 1', [ticket!.id]);
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/tickets/${ticket!.id}/scheduled-messages`,
    token: app.companyA.adminToken,
    payload: { body: 'lembrete', sendAt: new Date(Date.now() + 3_600_000).toISOString() },
  });
  expect(scheduled.statusCode).toBe(201);
  const note = await app.inject({
    method: 'POST',
    url: `/api/tickets/${ticket!.id}/notes`,
    token: app.companyA.adminToken,
    payload: { body: '@Agente Ana veja este' },
  });
  expect(note.statusCode).toBe(201);
  const { rows: notified } = await app.server.database.pool.query('select id from notifications where user_id = $1', [agentOfA.id]);
  const tag = await app.inject({
    method: 'POST',
    url: '/api/tags',
    token: app.companyA.adminToken,
    payload: { name: 'VIP', color: '#aa0000' },
  });
  expect(tag.statusCode).toBe(201);
  const tagged = await app.inject({
    method: 'POST',
    url: `/api/tickets/${ticket!.id}/tags`,
    token: app.companyA.adminToken,
    payload: { tagId: tag.json().id },
  });
  expect(tagged.statusCode).toBe(200);
  const rule = await app.inject({
    method: 'POST',
    url: '/api/tag-rules',
    token: app.companyA.adminToken,
    payload: { tagId: tag.json().id, match: 'contains', pattern: 'vip' },
  });
  expect(rule.statusCode).toBe(201);
  const contactImport = await app.server.database.pool.query<{ id: string }>(
    `insert into contact_imports (company_id, status, report_path) values ($1, 'done', '/nonexistent') returning id`,
    [app.companyA.id],
  );
  const field = await app.inject({
    method: 'POST',
    url: '/api/custom-fields',
    token: app.companyA.adminToken,
    payload: { key: 'plano', label: 'Plano', type: 'text' },
  });
  expect(field.statusCode).toBe(201);
  const quick = await app.inject({
    method: 'POST',
    url: '/api/quick-responses',
    token: app.companyA.adminToken,
    payload: { shortcut: 'ola', body: 'Olá {{nome}}', scope: 'company' },
  });
  const card = await app.inject({
    method: 'POST',
    url: `/api/quick-responses/${quick.json().id}/attachments`,
    token: app.companyA.adminToken,
    payload: { kind: 'contact', name: 'Suporte', phone: '+5511988887777' },
  });
  expect(card.statusCode, card.body).toBe(201);
  const flow = await app.inject({
    method: 'POST',
    url: '/api/flows',
    token: app.companyA.adminToken,
    payload: {
      name: 'Boas-vindas',
      graph: {
        format: 1,
        nodes: [
          { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { trigger: { kind: 'newConversation', connectionIds: [] } } },
          { id: 'hello', type: 'message', position: { x: 200, y: 0 }, data: { text: 'Olá!' } },
        ],
        edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'hello' }],
        variables: [],
      },
    },
  });
  expect(flow.statusCode, flow.body).toBe(201);
  const flowVersion = await app.inject({ method: 'POST', url: `/api/flows/${flow.json().id}/publish`, token: app.companyA.adminToken });
  expect(flowVersion.statusCode, flowVersion.body).toBe(201);
  const media = await uploadFlowMedia(app, app.companyA.adminToken, { name: 'logo.png', mime: 'image/png', bytes: Buffer.from('png') });
  expect(media.statusCode, media.body).toBe(201);
  const webhook = await app.inject({
    method: 'POST',
    url: '/api/webhook-subscriptions',
    token: app.companyA.adminToken,
    payload: { url: 'http://127.0.0.1:9/hook', events: ['message.received'] },
  });
  expect(webhook.statusCode, webhook.body).toBe(201);
  const ping = await app.inject({
    method: 'POST',
    url: `/api/webhook-subscriptions/${webhook.json().id}/test`,
    token: app.companyA.adminToken,
  });
  expect(ping.statusCode, ping.body).toBe(202);
  const apiTokenOfA = await createApiToken(app, app.companyA, ['tickets:read']);
  tokenOfB = (await createApiToken(app, app.companyB, apiScopes)).token;
  const leadHook = await app.inject({
    method: 'POST',
    url: '/api/lead-hooks',
    token: app.companyA.adminToken,
    payload: { name: 'Site', mapping: { phone: 'phone', name: 'name' } },
  });
  expect(leadHook.statusCode, leadHook.body).toBe(201);
  const lead = await app.inject({ method: 'POST', url: leadHook.json().path, payload: { name: 'Lia', phone: '11 98888-1111' } });
  expect(lead.statusCode, lead.body).toBe(202);
  const [leadRequest] = (
    await app.inject({ method: 'GET', url: `/api/lead-hooks/${leadHook.json().id}/requests`, token: app.companyA.adminToken })
  ).json().items;
  const chatGroup = await app.inject({
    method: 'POST',
    url: '/api/chat/conversations',
    token: app.companyA.adminToken,
    payload: { kind: 'group', name: 'Equipe A', memberIds: [agentOfA.id] },
  });
  expect(chatGroup.statusCode, chatGroup.body).toBe(201);
  const chatMessage = await app.inject({
    method: 'POST',
    url: `/api/chat/conversations/${chatGroup.json().id}/messages`,
    token: app.companyA.adminToken,
    payload: { body: 'só da empresa A' },
  });
  expect(chatMessage.statusCode, chatMessage.body).toBe(201);
  const announcement = await app.inject({
    method: 'POST',
    url: '/api/announcements',
    token: app.companyA.adminToken,
    payload: { title: 'Aviso', body: 'Reunião às 9h', audience: { kind: 'everyone' } },
  });
  expect(announcement.statusCode, announcement.body).toBe(201);
  await app.server.services.plans.seedDefaults();
  const invoice = await app.server.database.pool.query<{ id: number }>(
    `insert into invoices (company_id, plan_id, period_start, period_end, amount_cents, due_at)
     select $1, id, current_date, current_date + 30, price_cents, now() from plans order by id limit 1 returning id`,
    [app.companyA.id],
  );
  const { rows: plan } = await app.server.database.pool.query<{ id: string }>(
    `insert into plans (name, price_cents, limits) values ('Plano A', 100, $1) returning id`,
    [
      JSON.stringify({
        users: null,
        connections: null,
        queues: null,
        flows: null,
        messagesPerMonth: null,
        apiAccess: true,
        internalChat: true,
      }),
    ],
  );
  fixtures = {
    invoice: invoice.rows[0]!.id,
    // Platform routes (super_admin only): company B's admin must be refused for company A and its plan.
    company: app.companyA.id,
    plan: Number(plan[0]!.id),
    chatConversation: chatGroup.json().id,
    chatMessage: chatMessage.json().id,
    announcement: announcement.json().id,
    webhookSubscription: webhook.json().id,
    webhookDelivery: ping.json().id,
    user: agentOfA.id,
    queue: queue.json().id,
    connection: app.cloudConnectionId,
    contact: ticket!.contact.id,
    ticket: ticket!.id,
    message: rows[0].id,
    scheduledMessage: scheduled.json().id,
    notification: notified[0].id,
    tag: tag.json().id,
    tagRule: rule.json().id,
    contactImport: Number(contactImport.rows[0]!.id),
    customField: field.json().id,
    quickResponse: quick.json().id,
    quickResponseAttachment: card.json().attachments[0].id,
    flow: flow.json().id,
    flowVersion: flowVersion.json().id,
    flowMedia: media.json().id,
    apiToken: apiTokenOfA.id,
    leadHook: leadHook.json().id,
    leadHookRequest: leadRequest.id,
  };
});
afterAll(async () => app?.close());

const bodies: Record<string, unknown> = {
  PATCH: { name: 'Changed by another tenant', body: 'changed by another tenant' },
  POST: {
    password: 'another tenant password',
    name: 'x',
    body: 'from another tenant',
    language: 'pt_BR',
    userId: 1,
    emoji: '👍',
    phoneNumber: '5511987654321',
    tagId: 1,
    otherContactId: 1,
    confirmName: 'x',
    messageId: 1,
  },
  PUT: { name: 'x', key: 'x', label: 'x', type: 'text' },
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
        if (!route.config?.apiScope) continue;
        // The public API is reached with tokens: company B's, holding every scope, sees nothing of A's either.
        const byToken = await app.inject({ method: method, url, token: tokenOfB, payload: bodies[method] as object | undefined });
        expect(byToken.statusCode, `${method} ${route.url} by API token answered ${byToken.statusCode} ${byToken.body}`).toBe(404);
        checked.push(`${method} ${route.url} (token)`);
      }
    }
    // company A's agent is untouched
    const agent = await app.inject({ method: 'GET', url: `/api/users/${fixtures.user}`, token: app.companyA.adminToken });
    expect(agent.json().name).not.toBe('Changed by another tenant');
    expect(checked).toContain('PATCH /api/users/:id');
    expect(checked).toContain('POST /api/tickets/:id/messages');
    expect(checked).toEqual(
      expect.arrayContaining([
        'DELETE /api/api-tokens/:id',
        'POST /api/v1/tickets/:id/close (token)',
        'PATCH /api/v1/contacts/:id (token)',
      ]),
    );
    const tokens = await app.inject({ method: 'GET', url: '/api/api-tokens', token: app.companyA.adminToken });
    expect(tokens.json().items).toEqual([expect.objectContaining({ id: fixtures.apiToken, revokedAt: null })]);
    // company A's conversation is untouched
    const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${fixtures.ticket}`, token: app.companyA.adminToken });
    expect(ticket.json()).toMatchObject({ status: 'pending', userId: null });
    const { rows } = await app.server.database.pool.query('select count(*)::int as n from messages where ticket_id = $1', [
      fixtures.ticket,
    ]);
    expect(rows[0].n).toBe(2); // the customer's message and company A's own note
    const mention = await app.inject({ method: 'GET', url: '/api/notifications', token: agentOfAToken });
    expect(mention.json()).toMatchObject({ unreadCount: 1, items: [{ id: fixtures.notification, readAt: null }] });
    const scheduled = await app.inject({
      method: 'GET',
      url: `/api/scheduled-messages/${fixtures.scheduledMessage}`,
      token: app.companyA.adminToken,
    });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', body: 'lembrete' });
    // company A's tag, its place on the ticket and its rule are untouched
    expect(checked).toEqual(expect.arrayContaining(['PUT /api/tags/:id', 'DELETE /api/tags/:id', 'DELETE /api/tickets/:id/tags/:tagId']));
    expect(checked).toEqual(expect.arrayContaining(['POST /api/tickets/:id/tags', 'PUT /api/tag-rules/:id', 'DELETE /api/tag-rules/:id']));
    const tags = await app.inject({ method: 'GET', url: '/api/tags', token: app.companyA.adminToken });
    expect(tags.json().items).toEqual([expect.objectContaining({ id: fixtures.tag, name: 'VIP', color: '#aa0000' })]);
    expect(ticket.json().tags).toEqual([{ id: fixtures.tag, name: 'VIP', color: '#aa0000' }]);
    const rules = await app.inject({ method: 'GET', url: '/api/tag-rules', token: app.companyA.adminToken });
    expect(rules.json().items).toEqual([expect.objectContaining({ id: fixtures.tagRule, pattern: 'vip' })]);
    expect((await app.inject({ method: 'GET', url: '/api/tags', token: app.companyB.adminToken })).json().items).toEqual([]);
    const quick = await app.inject({
      method: 'GET',
      url: `/api/quick-responses/${fixtures.quickResponse}`,
      token: app.companyA.adminToken,
    });
    expect(quick.json()).toMatchObject({ shortcut: 'ola', attachments: [{ kind: 'contact' }] });
    // company A's flow, its draft and its versions are untouched
    expect(checked).toEqual(
      expect.arrayContaining(['PUT /api/flows/:id', 'DELETE /api/flows/:id', 'POST /api/flows/:id/versions/:versionId/restore']),
    );
    expect(checked).toEqual(expect.arrayContaining(['GET /api/flows/:id/analytics', 'GET /api/tickets/:id/flow-runs']));
    expect(checked).toContain('GET /api/flows/media/:id/file');
    expect((await app.inject({ method: 'GET', url: '/api/flows/media', token: app.companyB.adminToken })).json().items).toEqual([]);
    const flow = await app.inject({ method: 'GET', url: `/api/flows/${fixtures.flow}`, token: app.companyA.adminToken });
    expect(flow.json()).toMatchObject({ name: 'Boas-vindas', publishedVersion: 1, draftChanged: false });
    expect((await app.inject({ method: 'GET', url: '/api/flows', token: app.companyB.adminToken })).json().items).toEqual([]);
    // company A's webhook subscription, its secret and its log are untouched
    expect(checked).toEqual(
      expect.arrayContaining([
        'PATCH /api/webhook-subscriptions/:id',
        'DELETE /api/webhook-subscriptions/:id',
        'POST /api/webhook-subscriptions/:id/rotate-secret',
        'GET /api/webhook-subscriptions/:id/deliveries',
        'POST /api/webhook-deliveries/:id/redeliver',
      ]),
    );
    const hook = await app.inject({
      method: 'GET',
      url: `/api/webhook-subscriptions/${fixtures.webhookSubscription}`,
      token: app.companyA.adminToken,
    });
    expect(hook.json()).toMatchObject({ url: 'http://127.0.0.1:9/hook', active: true });
    const { rows: hookDeliveries } = await app.server.database.pool.query(
      `select count(*)::int as n from webhook_deliveries where subscription_id = $1 and event = 'ping'`,
      [fixtures.webhookSubscription],
    );
    // Only company A's own test event: company B's redeliver did not add one. (Customer messages
    // of company A stored before the subscription may also be relayed to it, depending on timing.)
    expect(hookDeliveries[0].n).toBe(1);
    expect((await app.inject({ method: 'GET', url: '/api/webhook-subscriptions', token: app.companyB.adminToken })).json().items).toEqual(
      [],
    );
    // company A's lead hook, its key and its log are untouched
    expect(checked).toEqual(
      expect.arrayContaining([
        'PUT /api/lead-hooks/:id',
        'POST /api/lead-hooks/:id/rotate',
        'POST /api/lead-hooks/:id/requests/:requestId/replay',
      ]),
    );
    const leadHookOfA = await app.inject({ method: 'GET', url: `/api/lead-hooks/${fixtures.leadHook}`, token: app.companyA.adminToken });
    expect(leadHookOfA.json()).toMatchObject({ name: 'Site', active: true });
    expect(
      (await app.inject({ method: 'GET', url: `/api/lead-hooks/${fixtures.leadHook}/requests`, token: app.companyA.adminToken })).json()
        .items,
    ).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/api/lead-hooks', token: app.companyB.adminToken })).json().items).toEqual([]);
  });

  it("lists only the caller's own company", async () => {
    const list = await app.inject({ method: 'GET', url: '/api/users', token: app.companyB.adminToken });
    const ids = list.json().items.map((u: { id: number }) => u.id);
    expect(ids).toContain(app.companyB.adminId);
    expect(ids).not.toContain(app.companyA.adminId);
    expect(ids).not.toContain(fixtures.user);
  });
});
