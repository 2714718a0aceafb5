import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDetail, FlowProblemDto, FlowSummary, FlowVersionDto } from '@jimmy/contracts';
import { startConversationApp, type ConversationApp } from './conversations.harness.js';
import { askFlow, createFlow, graphOf, helloFlow, START } from './flows.harness.js';

let app: ConversationApp;
let supervisor: { id: number; token: string };
let agent: { token: string };

beforeAll(async () => {
  app = await startConversationApp();
  supervisor = await app.createUser(app.companyA, 'supervisor', 'Sofia Supervisora');
  agent = await app.createUser(app.companyA, 'agent');
}, 60_000);
afterAll(async () => app?.close());

const admin = () => app.companyA.adminToken;

async function getFlow(id: number, token = admin()): Promise<FlowDetail> {
  const response = await app.inject({ method: 'GET', url: `/api/flows/${id}`, token });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function publish(id: number, token = admin()) {
  return app.inject({ method: 'POST', url: `/api/flows/${id}/publish`, token });
}

describe('flows CRUD', () => {
  it('creates a draft with one Start node, lists it, renames it and refuses a duplicate name', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/flows',
      token: supervisor.token,
      payload: { name: 'Atendimento inicial', description: 'Boas-vindas' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const flow = created.json<FlowDetail>();
    expect(flow).toMatchObject({
      name: 'Atendimento inicial',
      description: 'Boas-vindas',
      publishedVersion: null,
      publishedAt: null,
      connectionIds: [],
      draftChanged: true,
      draft: { format: 1, nodes: [{ id: 'start', type: 'start' }], edges: [], variables: [] },
    });

    const list = await app.inject({ method: 'GET', url: '/api/flows', token: admin() });
    expect(list.json<{ items: FlowSummary[] }>().items.map((f) => f.name)).toContain('Atendimento inicial');
    expect(list.json().items[0]).not.toHaveProperty('draft');

    const duplicate = await app.inject({ method: 'POST', url: '/api/flows', token: admin(), payload: { name: 'ATENDIMENTO INICIAL' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'FLOW_NAME_TAKEN', fields: { name: expect.any(String) } });

    const other = await createFlow(app, admin());
    const renameClash = await app.inject({
      method: 'PUT',
      url: `/api/flows/${other}`,
      token: admin(),
      payload: { name: 'atendimento inicial' },
    });
    expect(renameClash.statusCode).toBe(409);
    expect(renameClash.json().error.fields).toHaveProperty('name');

    const renamed = await app.inject({ method: 'PUT', url: `/api/flows/${flow.id}`, token: admin(), payload: { name: 'Triagem' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Triagem', description: 'Boas-vindas', draft: flow.draft });
  });

  it('autosaves a draft that is not publishable but refuses one that is not a graph, naming draft', async () => {
    const id = await createFlow(app, admin());
    const halfBuilt = graphOf([START, ['m', 'message', {}], ['lost', 'message', { text: 'x' }]], [['start', 'next', 'm']]);
    const saved = await app.inject({ method: 'PUT', url: `/api/flows/${id}`, token: admin(), payload: { draft: halfBuilt } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await getFlow(id)).draft).toEqual(halfBuilt);

    for (const draft of [{ nodes: 'no' }, { ...halfBuilt, format: 2 }, { ...halfBuilt, edges: [{ id: 'e', source: 'start' }] }, 'text']) {
      const refused = await app.inject({ method: 'PUT', url: `/api/flows/${id}`, token: admin(), payload: { draft } });
      expect(refused.statusCode, JSON.stringify(draft)).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { draft: expect.stringMatching(/not a flow graph/) },
      });
    }
    expect((await getFlow(id)).draft).toEqual(halfBuilt);
  });

  it('imports an exported flow (the draft of GET) and refuses a bad import, naming graph', async () => {
    const source = await createFlow(app, admin(), askFlow());
    const exported = (await getFlow(source)).draft;
    const imported = await app.inject({ method: 'POST', url: '/api/flows', token: admin(), payload: { name: 'Cópia', graph: exported } });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().draft).toEqual(exported);
    const bad = await app.inject({ method: 'POST', url: '/api/flows', token: admin(), payload: { name: 'Ruim', graph: { nodes: [] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('graph');
  });

  it('lets admins and supervisors manage flows; agents get 403 everywhere', async () => {
    const id = await createFlow(app, supervisor.token);
    const attempts = [
      { method: 'GET', url: '/api/flows' },
      { method: 'POST', url: '/api/flows', payload: { name: 'Do agente' } },
      { method: 'GET', url: `/api/flows/${id}` },
      { method: 'PUT', url: `/api/flows/${id}`, payload: { name: 'Mudado' } },
      { method: 'DELETE', url: `/api/flows/${id}` },
      { method: 'POST', url: `/api/flows/${id}/publish` },
      { method: 'GET', url: `/api/flows/${id}/versions` },
      { method: 'GET', url: `/api/flows/${id}/analytics` },
    ] as const;
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, token: agent.token });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
    }
    expect((await getFlow(id, supervisor.token)).name).not.toBe('Mudado');
    const missing = await app.inject({ method: 'GET', url: '/api/flows/999999', token: admin() });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('FLOW_NOT_FOUND');
  });
});

describe('publishing', () => {
  const problemsOf = async (graph: unknown): Promise<FlowProblemDto[]> => {
    const id = await createFlow(app, admin(), graph);
    const refused = await publish(id);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'FLOW_INVALID' });
    expect((await getFlow(id)).publishedVersion).toBeNull();
    return refused.json().error.details.problems;
  };

  it('refuses an unreachable node, a dangling edge and a missing required field, each on its node', async () => {
    expect(
      await problemsOf(graphOf([START, ['m', 'message', { text: 'oi' }], ['lost', 'message', { text: 'x' }]], [['start', 'next', 'm']])),
    ).toEqual([{ code: 'unreachable', nodeId: 'lost', message: expect.any(String) }]);
    const dangling = graphOf(
      [START, ['m', 'message', { text: 'oi' }]],
      [
        ['start', 'next', 'm'],
        ['m', 'next', 'ghost'],
      ],
    );
    expect(await problemsOf(dangling)).toEqual([
      { code: 'danglingEdge', nodeId: 'm', edgeId: 'm-next-ghost', message: expect.any(String) },
    ]);
    expect(await problemsOf(graphOf([START, ['m', 'message', {}]], [['start', 'next', 'm']]))).toEqual([
      { code: 'invalidField', nodeId: 'm', field: 'text', message: expect.any(String) },
    ]);
    const several = await problemsOf(graphOf([['m', 'message', {}]], []));
    expect(several.map((p) => p.code)).toEqual(expect.arrayContaining(['missingStart', 'invalidField']));
  });

  it("refuses queues, agents and flows that are not the company's, and publishes once they are", async () => {
    const foreignQueue = await app.inject({
      method: 'POST',
      url: '/api/queues',
      token: app.companyB.adminToken,
      payload: { name: 'Alheia' },
    });
    const foreignAgent = await app.createUser(app.companyB, 'agent');
    const draftOnly = await createFlow(app, admin());
    const routed = (refs: { hoursQueue: string; queue: string; agent: string; flow: string }) =>
      graphOf(
        [
          START,
          ['hours', 'workingHours', { target: { kind: 'queue', queueId: refs.hoursQueue } }],
          ['toQueue', 'transfer', { queueId: refs.queue }],
          ['toAgent', 'transfer', { agentId: refs.agent }],
          ['other', 'goToFlow', { flowId: refs.flow }],
        ],
        [
          ['start', 'next', 'hours'],
          ['hours', 'open', 'toQueue'],
          ['hours', 'break', 'toAgent'],
          ['hours', 'closed', 'other'],
        ],
      );
    const problems = await problemsOf(
      routed({ hoursQueue: 'abc', queue: String(foreignQueue.json().id), agent: String(foreignAgent.id), flow: String(draftOnly) }),
    );
    expect(problems.map(({ code, nodeId, field }) => ({ code, nodeId, field }))).toEqual(
      expect.arrayContaining([
        { code: 'unknownReference', nodeId: 'hours', field: 'target.queueId' },
        { code: 'unknownReference', nodeId: 'toQueue', field: 'queueId' },
        { code: 'unknownReference', nodeId: 'toAgent', field: 'agentId' },
        { code: 'unknownReference', nodeId: 'other', field: 'flowId' },
      ]),
    );
    expect(problems).toHaveLength(4);

    const queue = await app.inject({ method: 'POST', url: '/api/queues', token: admin(), payload: { name: 'Financeiro' } });
    const target = await createFlow(app, admin(), helloFlow(), true);
    const ours = {
      hoursQueue: String(queue.json().id),
      queue: String(queue.json().id),
      agent: String(supervisor.id),
      flow: String(target),
    };
    const id = await createFlow(app, admin(), routed(ours));
    const published = await publish(id);
    expect(published.statusCode, published.body).toBe(201);
  });

  it('numbers versions 1, 2 and restores an old one into the draft', async () => {
    const id = await createFlow(app, admin(), helloFlow('Primeira'));
    const first = await publish(id, supervisor.token);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<FlowVersionDto>()).toMatchObject({ version: 1, publishedBy: 'Sofia Supervisora' });
    expect(await getFlow(id)).toMatchObject({ publishedVersion: 1, draftChanged: false, publishedAt: first.json().createdAt });

    await app.inject({ method: 'PUT', url: `/api/flows/${id}`, token: admin(), payload: { draft: helloFlow('Segunda') } });
    expect((await getFlow(id)).draftChanged).toBe(true);
    const second = await publish(id);
    expect(second.json()).toMatchObject({ version: 2 });

    const versions = await app.inject({ method: 'GET', url: `/api/flows/${id}/versions`, token: admin() });
    expect(versions.json<{ items: FlowVersionDto[] }>().items.map((v) => v.version)).toEqual([2, 1]);
    const { rows } = await app.server.database.pool.query('select graph from flow_versions where id = $1', [first.json().id]);
    expect(rows[0].graph).toEqual(helloFlow('Primeira'));

    const restored = await app.inject({ method: 'POST', url: `/api/flows/${id}/versions/${first.json().id}/restore`, token: admin() });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ draft: helloFlow('Primeira'), publishedVersion: 2, draftChanged: true });

    const otherFlow = await createFlow(app, admin(), helloFlow(), true);
    const [otherVersion] = (await app.inject({ method: 'GET', url: `/api/flows/${otherFlow}/versions`, token: admin() })).json().items;
    const crossed = await app.inject({ method: 'POST', url: `/api/flows/${id}/versions/${otherVersion.id}/restore`, token: admin() });
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.code).toBe('FLOW_VERSION_NOT_FOUND');
  });
});

describe('connections run a flow', () => {
  const patchConnection = (payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/connections/${app.cloudConnectionId}`, token: admin(), payload });

  it('attaches only a published flow of the company, with queueIds in the same request, and refuses to delete it while attached', async () => {
    const draftOnly = await createFlow(app, admin());
    const unpublished = await patchConnection({ flowId: draftOnly });
    expect(unpublished.statusCode).toBe(422);
    expect(unpublished.json().error).toMatchObject({ code: 'FLOW_NOT_PUBLISHED', fields: { flowId: expect.any(String) } });

    const foreign = await createFlow(app, app.companyB.adminToken, helloFlow(), true);
    const crossTenant = await patchConnection({ flowId: foreign });
    expect(crossTenant.statusCode).toBe(422);
    expect(crossTenant.json().error).toMatchObject({ code: 'FLOW_NOT_FOUND', fields: { flowId: expect.any(String) } });

    const queue = await app.inject({ method: 'POST', url: '/api/queues', token: admin(), payload: { name: 'Suporte' } });
    const flowId = await createFlow(app, admin(), helloFlow(), true);
    const attached = await patchConnection({ flowId, queueIds: [queue.json().id] });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json()).toMatchObject({ flowId, queueIds: [queue.json().id] });
    const listed = await app.inject({ method: 'GET', url: '/api/connections', token: admin() });
    expect(listed.json().items.find((c: { id: number }) => c.id === app.cloudConnectionId)).toMatchObject({ flowId });
    expect((await getFlow(flowId)).connectionIds).toEqual([app.cloudConnectionId]);

    const refused = await app.inject({ method: 'DELETE', url: `/api/flows/${flowId}`, token: admin() });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'FLOW_IN_USE', message: expect.stringContaining('WhatsApp Oficial') });
    expect(refused.json().error.details.connections).toEqual([{ id: app.cloudConnectionId, name: 'WhatsApp Oficial' }]);

    // A failed attach in the same request leaves the earlier one (and the queues) as they were.
    const rolledBack = await patchConnection({ flowId: draftOnly, queueIds: [] });
    expect(rolledBack.statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: `/api/connections/${app.cloudConnectionId}`, token: admin() })).json()).toMatchObject({
      flowId,
      queueIds: [queue.json().id],
    });

    const detached = await patchConnection({ flowId: null });
    expect(detached.statusCode).toBe(200);
    expect(detached.json().flowId).toBeNull();
    expect((await app.inject({ method: 'DELETE', url: `/api/flows/${flowId}`, token: admin() })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/flows/${flowId}`, token: admin() })).statusCode).toBe(404);
  });
});
