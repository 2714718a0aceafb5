import { signWebhook } from '@jimmy/channels/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JimmyServer } from '../src/app.js';
import { CLOUD, startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { bootServer, testEnv } from './harness.js';
import {
  attachFlow,
  PEDIDO_SCRIPT,
  serviceFlow,
  setAiIntegration,
  startFakeJson,
  stepLogsOf,
  type FakeJsonServer,
} from './flows-runtime.harness.js';
import { createQueue, eventually, ticketOfPhone } from './pipeline.harness.js';

/**
 * Two servers on one PostgreSQL (separate pools and job workers, as two nodes have), both taking
 * the webhooks and both working the runner's and the flow's queues: every step runs once and the
 * customer reads every line once, in order. The embedded database serves one process only, so
 * this runs with TEST_DATABASE_URL.
 */
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
const CUSTOMERS = 8;

describe.skipIf(!hasPostgres)('service flow runtime on two nodes', () => {
  let app: ConversationApp;
  let second: JimmyServer;
  let api: FakeJsonServer;
  let openai: FakeJsonServer;

  beforeAll(async () => {
    api = await startFakeJson(() => ({ order: { status: 'enviado' } }));
    openai = await startFakeJson(() => ({ choices: [{ message: { content: 'Resposta da IA: seu pedido já saiu.' } }] }));
    app = await startConversationApp();
    const support = await createQueue(app, app.companyA, 'Suporte');
    const sales = await createQueue(app, app.companyA, 'Vendas');
    await setAiIntegration(app, app.companyA.id, openai.url);
    await attachFlow(
      app,
      app.companyA,
      app.cloudConnectionId,
      serviceFlow({ supportQueueId: support.id, salesQueueId: sales.id, apiUrl: api.url }),
    );
    second = await bootServer(
      testEnv(app.database, { WHATSAPP_GRAPH_URL: app.graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0', NODE_ID: 'second' }),
    );
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await app?.close();
    await api?.close();
    await openai?.close();
  });

  const post = (node: JimmyServer, body: object) => {
    const raw = Buffer.from(JSON.stringify(body));
    return node.http.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(raw, CLOUD.appSecret) },
      payload: raw,
    });
  };

  it('runs every step once: each customer reads the script once and in order, each ticket has one log row per event', async () => {
    const phones = Array.from({ length: CUSTOMERS }, (_, index) => `55117${String(5000000 + index).padStart(8, '0')}`);
    const nodes = [app.server, second];
    const texts = (phone: string) =>
      app.graph
        .sentMessages()
        .filter((m) => m.to === phone)
        .map((m) =>
          m.type === 'text' ? (m.body.text as { body: string }).body : (m.body.interactive as { body: { text: string } }).body.text,
        );
    await Promise.all(phones.map((phone, index) => post(nodes[index % 2]!, textWebhook(phone, 'oi').body)));
    await eventually(async () => phones.every((phone) => texts(phone).length >= 2), 'the greetings', 20_000);
    // Name, e-mail and menu choice back to back, each to the other node: their runners race for
    // each ticket (stored in this order, since each webhook is answered before the next is sent).
    for (const [line, text] of ['Maria Souza', 'maria@example.com', '1'].entries()) {
      await Promise.all(phones.map((phone, index) => post(nodes[(index + line) % 2]!, textWebhook(phone, text).body)));
    }
    for (const phone of phones) {
      await eventually(async () => (await ticketOfPhone(app, phone))?.status === 'pending', `the transfer of ${phone}`, 30_000);
    }
    await eventually(async () => phones.every((phone) => texts(phone).length >= PEDIDO_SCRIPT.length), 'every line', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const phone of phones) {
      expect(texts(phone)).toEqual(PEDIDO_SCRIPT);
      const ticket = (await ticketOfPhone(app, phone))!;
      expect((await stepLogsOf(app, ticket.id)).map((step) => step.event)).toEqual([
        'start',
        'reply',
        'reply',
        'reply',
        'effectResult',
        'effectResult',
      ]);
    }
    expect(api.requests).toHaveLength(CUSTOMERS);
    expect(openai.requests).toHaveLength(CUSTOMERS);
  }, 90_000);
});
