import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowAnalytics, FlowRun } from '@jimmy/contracts';
import { startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { askFlow, createFlow } from './flows.harness.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * Around the graph: analytics and flow runs over hand-written session logs (the runtime writes the
 * same rows), the AI settings, and the simulator's real HTTP and AI calls against local fakes.
 */
let app: ConversationApp;
let supervisor: { token: string };
let agent: { token: string };
let ticketId: number;
let fake: http.Server;
let fakeUrl: string;
const fakeRequests: Array<{ url: string; auth: string | undefined; body: string }> = [];

beforeAll(async () => {
  app = await startConversationApp();
  supervisor = await app.createUser(app.companyA, 'supervisor');
  agent = await app.createUser(app.companyA, 'agent');
  expect((await app.postWebhook(textWebhook('5511977770000', 'oi').body)).statusCode).toBe(200);
  ticketId = (await ticketsOf(app, app.companyA))[0]!.id;
  // An OpenAI-compatible server for /chat/completions, plain JSON elsewhere.
  fake = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      fakeRequests.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.endsWith('/chat/completions')) {
        const last = (JSON.parse(body) as { messages: Array<{ content: string }> }).messages.at(-1)?.content ?? '';
        res.end(
          JSON.stringify({
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: `Resposta: ${last}` } }],
          }),
        );
      } else res.end(JSON.stringify({ pedido: 42, status: 'enviado' }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  fake?.closeAllConnections();
  fake?.close();
  await app?.close();
});

const admin = () => app.companyA.adminToken;
const HOUR = 3_600_000;

/** One session as the runtime would log it: each step's entered nodes, where it stood after, how it ended. */
async function insertSession(flowId: number, steps: Array<{ nodeIds: string[]; nodeId: string | null }>, end: string | null, at: Date) {
  const pool = app.server.database.pool;
  const { rows: version } = await pool.query('select published_version_id as id from flows where id = $1', [flowId]);
  const { rows } = await pool.query<{ id: string }>(
    `insert into flow_sessions (company_id, ticket_id, flow_id, flow_version_id, state, end_reason, created_at, ended_at)
     values ($1, $2, $3, $4, '{}', $5, $6::timestamptz, case when $5::text is null then null else $6::timestamptz end) returning id`,
    [app.companyA.id, ticketId, flowId, version[0].id, end, at],
  );
  for (const [index, step] of steps.entries()) {
    await pool.query(
      `insert into flow_step_logs (company_id, session_id, flow_id, flow_version_id, event, node_ids, node_id, variables, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        app.companyA.id,
        rows[0]!.id,
        flowId,
        version[0].id,
        index === 0 ? 'start' : 'reply',
        step.nodeIds,
        step.nodeId,
        { nome: 'Ana' },
        new Date(at.getTime() + index * 1000),
      ],
    );
  }
  return Number(rows[0]!.id);
}

describe('flow analytics', () => {
  it('counts per node the sessions that reached it and the ones that stopped there, in the period', async () => {
    const flowId = await createFlow(app, admin(), askFlow(), true);
    const recent = new Date(Date.now() - 2 * HOUR);
    // Waiting at the question: stopped there.
    await insertSession(flowId, [{ nodeIds: ['start', 'ask'], nodeId: 'ask' }], null, recent);
    // Answered and finished: reached everything, stopped nowhere.
    await insertSession(
      flowId,
      [
        { nodeIds: ['start', 'ask'], nodeId: 'ask' },
        { nodeIds: ['bye'], nodeId: 'bye' },
      ],
      'completed',
      recent,
    );
    // An agent took over at the question: that is a drop-off too.
    await insertSession(flowId, [{ nodeIds: ['start', 'ask'], nodeId: 'ask' }], 'takeover', recent);
    // Ten days ago: outside the default seven.
    await insertSession(
      flowId,
      [
        { nodeIds: ['start', 'ask'], nodeId: 'ask' },
        { nodeIds: ['bye'], nodeId: 'bye' },
      ],
      'error',
      new Date(Date.now() - 240 * HOUR),
    );

    const week = await app.inject({ method: 'GET', url: `/api/flows/${flowId}/analytics`, token: supervisor.token });
    expect(week.statusCode, week.body).toBe(200);
    const analytics = week.json<FlowAnalytics>();
    expect(analytics.sessions).toBe(3);
    expect(new Date(analytics.to).getTime() - new Date(analytics.from).getTime()).toBe(7 * 24 * HOUR);
    expect(analytics.nodes).toEqual([
      { nodeId: 'ask', reached: 3, stopped: 2 },
      { nodeId: 'bye', reached: 1, stopped: 0 },
      { nodeId: 'start', reached: 3, stopped: 0 },
    ]);

    const from = new Date(Date.now() - 300 * HOUR).toISOString();
    const month = await app.inject({
      method: 'GET',
      url: `/api/flows/${flowId}/analytics?from=${encodeURIComponent(from)}`,
      token: admin(),
    });
    expect(month.json<FlowAnalytics>()).toMatchObject({
      sessions: 4,
      nodes: [
        { nodeId: 'ask', reached: 4, stopped: 2 },
        { nodeId: 'bye', reached: 2, stopped: 1 },
        { nodeId: 'start', reached: 4, stopped: 0 },
      ],
    });

    const backwards = await app.inject({
      method: 'GET',
      url: `/api/flows/${flowId}/analytics?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(from)}`,
      token: admin(),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toHaveProperty('from');
    const garbage = await app.inject({ method: 'GET', url: `/api/flows/${flowId}/analytics?to=yesterday`, token: admin() });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.fields).toHaveProperty('to');
  });

  it("lists a ticket's flow runs with their steps for managers only", async () => {
    const flowId = await createFlow(app, admin(), askFlow(), true);
    await app.server.database.pool.query(
      'update flow_sessions set ended_at = coalesce(ended_at, now()), end_reason = coalesce(end_reason, $1)',
      ['takeover'],
    );
    const sessionId = await insertSession(
      flowId,
      [
        { nodeIds: ['start', 'ask'], nodeId: 'ask' },
        { nodeIds: ['bye'], nodeId: 'bye' },
      ],
      'completed',
      new Date(),
    );
    const runs = await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}/flow-runs`, token: supervisor.token });
    expect(runs.statusCode, runs.body).toBe(200);
    const run = runs.json<{ items: FlowRun[] }>().items.find((r) => r.sessionId === sessionId);
    expect(run).toMatchObject({ flowId, version: 1, endReason: 'completed', endedAt: expect.any(String) });
    expect(run!.steps.map((s) => [s.event, s.nodeIds, s.nodeId, s.variables])).toEqual([
      ['start', ['start', 'ask'], 'ask', { nome: 'Ana' }],
      ['reply', ['bye'], 'bye', { nome: 'Ana' }],
    ]);
    expect((await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}/flow-runs`, token: agent.token })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/tickets/999999/flow-runs', token: admin() })).statusCode).toBe(404);
  });
});

describe('AI integration', () => {
  it('stores the key sealed, never returns it, and the simulator calls the endpoint with it', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/settings/ai', token: admin() })).json()).toEqual({
      baseUrl: '',
      model: '',
      hasApiKey: false,
      enabled: false,
      suggestReply: true,
      summarize: true,
    });
    const notYet = await app.inject({
      method: 'POST',
      url: '/api/flows/simulate/ai',
      token: supervisor.token,
      payload: { systemPrompt: 's', messages: [] },
    });
    expect(notYet.json()).toEqual({ ok: false, error: 'AI integration not configured' });

    const key = 'sk-secret-key-123456';
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/settings/ai',
      token: admin(),
      payload: { baseUrl: `${fakeUrl}/v1`, model: 'gpt-test', apiKey: key },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // A new integration starts switched on, with both console assist actions.
    expect(saved.json()).toEqual({
      baseUrl: `${fakeUrl}/v1`,
      model: 'gpt-test',
      hasApiKey: true,
      enabled: true,
      suggestReply: true,
      summarize: true,
    });
    expect(saved.body).not.toContain(key);
    const { rows } = await app.server.database.pool.query('select api_key_sealed from ai_integrations where company_id = $1', [
      app.companyA.id,
    ]);
    expect(rows[0].api_key_sealed).toMatch(/^v1\./);
    expect(rows[0].api_key_sealed).not.toContain(key);
    const { rows: audit } = await app.server.database.pool.query(
      "select data from audit_log where action = 'ai-settings.updated' and company_id = $1",
      [app.companyA.id],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].data)).not.toContain(key);

    fakeRequests.length = 0;
    const answered = await app.inject({
      method: 'POST',
      url: '/api/flows/simulate/ai',
      token: supervisor.token,
      payload: { systemPrompt: 'Seja breve', messages: [{ role: 'user', content: 'Qual o prazo?' }] },
    });
    expect(answered.json()).toEqual({ ok: true, text: 'Resposta: Qual o prazo?' });
    expect(fakeRequests).toEqual([
      { url: '/v1/chat/completions', auth: `Bearer ${key}`, body: expect.stringContaining('"model":"gpt-test"') },
    ]);

    // Omitted keeps the key; null removes it.
    const kept = await app.inject({
      method: 'PUT',
      url: '/api/settings/ai',
      token: admin(),
      payload: { baseUrl: `${fakeUrl}/v1`, model: 'gpt-2' },
    });
    expect(kept.json()).toMatchObject({ model: 'gpt-2', hasApiKey: true });
    const removed = await app.inject({
      method: 'PUT',
      url: '/api/settings/ai',
      token: admin(),
      payload: { baseUrl: `${fakeUrl}/v1`, model: 'gpt-2', apiKey: null },
    });
    expect(removed.json()).toMatchObject({ hasApiKey: false });

    const badScheme = await app.inject({
      method: 'PUT',
      url: '/api/settings/ai',
      token: admin(),
      payload: { baseUrl: 'ftp://x.example/v1', model: 'm' },
    });
    expect(badScheme.statusCode).toBe(400);
    expect(badScheme.json().error.fields).toHaveProperty('baseUrl');
    for (const token of [supervisor.token, agent.token]) {
      expect((await app.inject({ method: 'GET', url: '/api/settings/ai', token })).statusCode).toBe(403);
      expect(
        (await app.inject({ method: 'PUT', url: '/api/settings/ai', token, payload: { baseUrl: fakeUrl, model: 'm' } })).statusCode,
      ).toBe(403);
    }
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/flows/simulate/ai',
          token: agent.token,
          payload: { systemPrompt: 's', messages: [] },
        })
      ).statusCode,
    ).toBe(403);
    // Company B sees nothing of A's integration.
    expect((await app.inject({ method: 'GET', url: '/api/settings/ai', token: app.companyB.adminToken })).json().hasApiKey).toBe(false);
  });
});

describe('simulated HTTP calls', () => {
  it('makes the call for real and answers the parsed body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/flows/simulate/http',
      token: supervisor.token,
      payload: { method: 'POST', url: `${fakeUrl}/pedidos`, headers: { Authorization: 'Bearer t' }, body: '{"cpf":"1"}' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ok: true, status: 200, data: { pedido: 42, status: 'enviado' } });
    expect(fakeRequests.at(-1)).toEqual({ url: '/pedidos', auth: 'Bearer t', body: '{"cpf":"1"}' });
    const agentTry = await app.inject({
      method: 'POST',
      url: '/api/flows/simulate/http',
      token: agent.token,
      payload: { method: 'GET', url: fakeUrl },
    });
    expect(agentTry.statusCode).toBe(403);
    const badUrl = await app.inject({
      method: 'POST',
      url: '/api/flows/simulate/http',
      token: admin(),
      payload: { method: 'GET', url: 'nope' },
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.fields).toHaveProperty('url');
  });

  describe('with ALLOW_PRIVATE_NETWORK_CALLS off', () => {
    let guarded: TestApp;
    beforeAll(async () => {
      guarded = await startTestApp({ ALLOW_PRIVATE_NETWORK_CALLS: 'false' });
    }, 60_000);
    afterAll(async () => guarded?.close());

    it('refuses loopback and metadata addresses before anything is sent', async () => {
      fakeRequests.length = 0;
      for (const url of [`${fakeUrl}/pedidos`, 'http://169.254.169.254/latest/meta-data/', `http://localhost:${new URL(fakeUrl).port}/`]) {
        const response = await guarded.inject({
          method: 'POST',
          url: '/api/flows/simulate/http',
          token: guarded.companyA.adminToken,
          payload: { method: 'GET', url, timeoutMs: 2_000 },
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ ok: false, error: expect.stringMatching(/^refused: .*ALLOW_PRIVATE_NETWORK_CALLS/) });
      }
      expect(fakeRequests).toEqual([]);
    });
  });
});
