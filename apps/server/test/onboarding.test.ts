import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { OnboardingState, OnboardingStepKey } from '@jimmy/contracts';
import { startConversationApp, type ConversationApp } from './conversations.harness.js';
import { createFlow } from './flows.harness.js';
import { bootServer, openSocket, testEnv, type TestCompany } from './harness.js';
import { createQueue, eventually } from './pipeline.harness.js';

let app: ConversationApp;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startConversationApp();
  baseUrl = await app.server.listen();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const get = (token: string) => app.inject({ method: 'GET', url: '/api/onboarding', token });
async function stateOf(company: TestCompany): Promise<OnboardingState> {
  const response = await get(company.adminToken);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<OnboardingState>();
}
const done = (state: OnboardingState) => state.steps.filter((s) => s.done).map((s) => s.key);

/** Every `onboarding.changed` a socket hears, in order. */
function record(socket: Socket): OnboardingState[] {
  const heard: OnboardingState[] = [];
  socket.on('onboarding.changed', ({ onboarding }: { onboarding: OnboardingState }) => heard.push(onboarding));
  return heard;
}
const heardDone = (heard: OnboardingState[], key: OnboardingStepKey) =>
  eventually(async () => heard.some((state) => state.steps.some((s) => s.key === key && s.done)), `onboarding.changed with ${key}`);

async function visitorSays(widgetKey: string, text: string): Promise<void> {
  const open = async (auth: Record<string, string>) => {
    const socket = connect(`${baseUrl}/webchat`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('visitor:state', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const first = await open({ key: widgetKey });
  const started = await first.timeout(3000).emitWithAck('visitor:start', { name: 'Visitante', phone: '' });
  first.disconnect();
  const socket = await open({ key: widgetKey, visitorToken: started.visitorToken });
  expect(await socket.timeout(3000).emitWithAck('visitor:message', { clientId: randomUUID(), text })).toEqual({ ok: true });
}

describe('onboarding checklist', () => {
  it('starts at 0/5 for a new company, in a fixed order; a Cloud connection still "connecting" does not count', async () => {
    // Company B's rows are made first: nothing of theirs may tick company A's steps.
    await createQueue(app, app.companyB, 'Suporte B');
    await createFlow(app, app.companyB.adminToken, undefined, true);
    await app.createUser(app.companyB, 'agent');

    const state = await stateOf(app.companyA);
    expect(state).toEqual({
      dismissed: false,
      steps: [
        { key: 'connect_whatsapp', done: false },
        { key: 'create_queue', done: false },
        { key: 'invite_agent', done: false },
        { key: 'build_flow', done: false },
        { key: 'try_widget', done: false },
      ],
    });
    expect(done(await stateOf(app.companyB))).toEqual(['create_queue', 'invite_agent', 'build_flow']);
  });

  it('is for admins only', async () => {
    const agent = await app.createUser(app.companyB, 'agent');
    const supervisor = await app.createUser(app.companyB, 'supervisor');
    for (const token of [agent.token, supervisor.token]) {
      expect((await get(token)).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/onboarding/dismiss', token })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/onboarding/restore', token })).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/onboarding' })).statusCode).toBe(401);
  });

  it('ticks each step as the company works, and tells its admins (only) over the socket', async () => {
    const heardByA = record(await openSocket(baseUrl, app.companyA.adminToken, sockets));
    const heardByB = record(await openSocket(baseUrl, app.companyB.adminToken, sockets));

    await createQueue(app, app.companyA, 'Vendas');
    expect(done(await stateOf(app.companyA))).toEqual(['create_queue']);
    await heardDone(heardByA, 'create_queue');

    // The credentials test against (the fake) Meta proves the Cloud connection.
    const tested = await app.inject({
      method: 'POST',
      url: `/api/connections/${app.cloudConnectionId}/test`,
      token: app.companyA.adminToken,
    });
    expect(tested.json()).toMatchObject({ status: 'open' });
    await heardDone(heardByA, 'connect_whatsapp');
    // Connected once is enough: a later disconnection does not undo the step.
    await app.server.database.pool.query(`update connections set status = 'closed' where id = $1`, [app.cloudConnectionId]);
    expect(done(await stateOf(app.companyA))).toEqual(['connect_whatsapp', 'create_queue']);

    const agent = await app.createUser(app.companyA, 'agent');
    await heardDone(heardByA, 'invite_agent');

    const flowId = await createFlow(app, app.companyA.adminToken);
    expect(done(await stateOf(app.companyA))).not.toContain('build_flow');
    const published = await app.inject({ method: 'POST', url: `/api/flows/${flowId}/publish`, token: app.companyA.adminToken });
    expect(published.statusCode).toBe(201);
    await heardDone(heardByA, 'build_flow');

    // A web-chat connection alone is not "tried": a visitor has to write through it.
    const webchat = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: app.companyA.adminToken,
      payload: { type: 'webchat', name: 'Site' },
    });
    expect(webchat.statusCode).toBe(201);
    expect(done(await stateOf(app.companyA))).not.toContain('try_widget');
    await visitorSays(webchat.json<{ widgetKey: string }>().widgetKey, 'Olá, testando o widget');
    await heardDone(heardByA, 'try_widget');

    expect(done(await stateOf(app.companyA))).toEqual(['connect_whatsapp', 'create_queue', 'invite_agent', 'build_flow', 'try_widget']);
    // An agent of A is in the company, not among its admins: the socket event is not theirs either.
    const heardByAgent = record(await openSocket(baseUrl, agent.token, sockets));
    await app.inject({ method: 'POST', url: '/api/onboarding/dismiss', token: app.companyA.adminToken });
    await app.inject({ method: 'POST', url: '/api/onboarding/restore', token: app.companyA.adminToken });
    await eventually(async () => heardByA.at(-1)?.dismissed === false && heardByA.some((s) => s.dismissed), 'dismiss and restore heard');
    expect(heardByAgent).toEqual([]);
    expect(heardByB).toEqual([]);
    expect(done(await stateOf(app.companyB))).toEqual(['create_queue', 'invite_agent', 'build_flow']);
  });

  it('stays dismissed for every admin of the company until restored; the steps are still computed', async () => {
    const dismissed = await app.inject({ method: 'POST', url: '/api/onboarding/dismiss', token: app.companyB.adminToken });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ dismissed: true });
    // twice is the same as once
    expect((await app.inject({ method: 'POST', url: '/api/onboarding/dismiss', token: app.companyB.adminToken })).json().dismissed).toBe(
      true,
    );

    const otherAdmin = await app.createUser(app.companyB, 'admin');
    const seen = (await get(otherAdmin.token)).json<OnboardingState>();
    expect(seen.dismissed).toBe(true);
    expect(done(seen)).toEqual(['create_queue', 'invite_agent', 'build_flow']);
    expect((await stateOf(app.companyA)).dismissed).toBe(false);

    const restored = await app.inject({ method: 'POST', url: '/api/onboarding/restore', token: otherAdmin.token });
    expect(restored.json()).toMatchObject({ dismissed: false });
    expect((await stateOf(app.companyB)).dismissed).toBe(false);
  });

  it('unticks what was undone: the only queue deleted', async () => {
    const company = await app.createCompany('Empresa C');
    const queue = await createQueue(app, company, 'Única');
    expect(done(await stateOf(company))).toEqual(['create_queue']);
    const removed = await app.inject({ method: 'DELETE', url: `/api/queues/${queue.id}`, token: company.adminToken });
    expect(removed.statusCode).toBeLessThan(300);
    expect(done(await stateOf(company))).toEqual([]);
  });

  it('does not exist when SAAS=off', async () => {
    await app.server.close();
    app.server = await bootServer(
      testEnv(app.database, { SAAS: 'off', WHATSAPP_GRAPH_URL: app.graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0' }),
    );
    expect((await get(app.companyA.adminToken)).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/onboarding/dismiss', token: app.companyA.adminToken })).statusCode).toBe(404);
  });
});
