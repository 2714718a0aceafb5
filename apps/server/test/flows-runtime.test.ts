import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { bootServer, testEnv } from './harness.js';
import {
  attachFlow,
  graphOf,
  PEDIDO_SCRIPT,
  serviceFlow,
  sessionsOf,
  setAiIntegration,
  startFakeJson,
  stepLogsOf,
  type FakeJsonServer,
} from './flows-runtime.harness.js';
import { choiceWebhook, createQueue, eventKinds, eventually, ticketOfPhone } from './pipeline.harness.js';

/** The text a customer reads in a Cloud API message (a menu's body for interactive ones). */
function textOf(message: { type: string; body: Record<string, unknown> }): string {
  if (message.type === 'text') return (message.body.text as { body: string }).body;
  if (message.type === 'interactive') return (message.body.interactive as { body: { text: string } }).body.text;
  return `[${message.type}]`;
}

describe('service flow runtime through the real Cloud webhook', () => {
  let app: ConversationApp;
  let api: FakeJsonServer;
  let openai: FakeJsonServer;
  let support: { id: number };
  let sales: { id: number };
  let flowId: number;
  let phoneCounter = 0;
  const nextPhone = () => `55118${String(6000000 + phoneCounter++).padStart(8, '0')}`;
  const texts = (phone: string) =>
    app.graph
      .sentMessages()
      .filter((m) => m.to === phone)
      .map(textOf);
  const say = async (phone: string, text: string) => expect((await app.postWebhook(textWebhook(phone, text).body)).statusCode).toBe(200);
  const waitTexts = (phone: string, count: number) =>
    eventually(async () => texts(phone).length >= count && texts(phone), `${count} bot messages to ${phone}`);

  beforeAll(async () => {
    api = await startFakeJson((request) => (request.url.startsWith('/orders') ? { order: { status: 'enviado' } } : {}));
    openai = await startFakeJson(() => ({ choices: [{ message: { role: 'assistant', content: 'Resposta da IA: seu pedido já saiu.' } }] }));
    app = await startConversationApp();
    support = await createQueue(app, app.companyA, 'Suporte');
    sales = await createQueue(app, app.companyA, 'Vendas');
    await setAiIntegration(app, app.companyA.id, openai.url);
    ({ flowId } = await attachFlow(
      app,
      app.companyA,
      app.cloudConnectionId,
      serviceFlow({ supportQueueId: support.id, salesQueueId: sales.id, apiUrl: api.url }),
    ));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await api?.close();
    await openai?.close();
  });

  it('asks, branches, tags, calls HTTP and AI, checks the hours and transfers: messages in order, ticket pending in Suporte', async () => {
    const phone = nextPhone();
    await say(phone, 'oi');
    await waitTexts(phone, 2);
    const ticket = await ticketOfPhone(app, phone);
    expect(ticket).toMatchObject({ status: 'bot', queueId: null });

    await say(phone, 'Maria Souza');
    await waitTexts(phone, 3);
    await say(phone, 'isso não é e-mail');
    await eventually(async () => texts(phone).includes('E-mail inválido.'), 'the invalid-answer message');
    await say(phone, 'maria@example.com');
    await waitTexts(phone, 5);
    const menu = app.graph.sentMessages().find((m) => m.to === phone && m.type === 'interactive')!;
    const buttons = (menu.body.interactive as { action: { buttons: { reply: { id: string; title: string } }[] } }).action.buttons;
    expect(buttons.map((button) => button.reply)).toEqual([
      { id: 'pedido', title: 'Meu pedido' },
      { id: 'duvida', title: 'Dúvida' },
    ]);
    expect((await app.postWebhook(choiceWebhook(phone, { type: 'button_reply', id: 'pedido', title: 'Meu pedido' }).body)).statusCode).toBe(
      200,
    );

    const done = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found?.status === 'pending' && found;
    }, 'the transfer');
    await waitTexts(phone, 8);
    expect(texts(phone).filter((text) => text !== 'E-mail inválido.')).toEqual(PEDIDO_SCRIPT);
    expect(done.queueId).toBe(support.id);

    const read = await app.inject({ method: 'GET', url: `/api/tickets/${done.id}`, token: app.companyA.adminToken });
    const body = read.json<{ tags: { name: string }[]; contact: { id: number; name: string } }>();
    expect(body.tags.map((tag) => tag.name)).toEqual(['Pedido']);
    const contact = await app.inject({ method: 'GET', url: `/api/contacts/${body.contact.id}`, token: app.companyA.adminToken });
    expect(contact.json()).toMatchObject({ name: 'Maria Souza', email: 'maria@example.com' });

    // The external calls got the answers the customer typed.
    expect(api.requests.at(-1)?.url).toBe('/orders?email=maria%40example.com');
    expect(JSON.parse(openai.requests.at(-1)!.body)).toMatchObject({
      model: 'fake-model',
      messages: [
        { role: 'system', content: 'Você atende Maria Souza. Seja breve.' },
        { role: 'user', content: 'Pedido enviado' },
      ],
    });
    // One step per event, each with the nodes it went through; the session ended by the transfer.
    const steps = await stepLogsOf(app, done.id);
    expect(steps.map((s) => s.event)).toEqual(['start', 'reply', 'reply', 'reply', 'reply', 'effectResult', 'effectResult']);
    expect(steps[0]!.node_ids).toEqual(['start', 'greet', 'askName']);
    expect(steps.at(-1)!.node_ids).toEqual(['ai', 'hours', 'toSupport']);
    expect((await sessionsOf(app, done.id)).map((s) => s.end_reason)).toEqual(['transfer']);
    expect(await eventKinds(app, done.id)).toEqual(['created', 'bot-started', 'tagged', 'transferred']);
    // "Ver execução do fluxo" reads the same rows.
    const runs = await app.inject({ method: 'GET', url: `/api/tickets/${done.id}/flow-runs`, token: app.companyA.adminToken });
    expect(runs.statusCode, runs.body).toBe(200);
    const [run] = runs.json<{ items: { endReason: string; steps: { event: string; variables: Record<string, string> }[] }[] }>().items;
    expect(run).toMatchObject({ endReason: 'transfer' });
    expect(run!.steps).toHaveLength(7);
    expect(run!.steps.at(-1)!.variables).toMatchObject({ nome: 'Maria Souza', email: 'maria@example.com', status: 'enviado' });
  });

  it('a customer line after the transfer never steps the flow again, and no routing menu appears', async () => {
    const phone = nextPhone();
    await say(phone, 'oi');
    await waitTexts(phone, 2);
    await say(phone, 'João');
    await waitTexts(phone, 3);
    await say(phone, 'joao@example.com');
    await waitTexts(phone, 4);
    await say(phone, '2');
    const ticket = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found?.status === 'pending' && found;
    }, 'the transfer to Vendas');
    expect(ticket.queueId).toBe(sales.id);
    const before = texts(phone).length;
    const steps = (await stepLogsOf(app, ticket.id)).length;
    await say(phone, 'ainda aí?');
    await eventually(async () => {
      const { rows } = await app.server.database.pool.query(
        'select 1 from ticket_routing where ticket_id = $1 and last_handled_message_id = (select max(id) from messages where ticket_id = $1)',
        [ticket.id],
      );
      return rows.length > 0;
    }, 'the runner to pass the line');
    expect(texts(phone)).toHaveLength(before);
    expect(await stepLogsOf(app, ticket.id)).toHaveLength(steps);
  });

  it('a supervisor taking the ticket over ends the session; the next customer line does not reach the flow', async () => {
    const supervisor = await app.createUser(app.companyA, 'supervisor');
    const phone = nextPhone();
    await say(phone, 'oi');
    await waitTexts(phone, 2);
    const ticket = (await ticketOfPhone(app, phone))!;
    // Detached, the flow still has a conversation waiting in it: deleting it now would strand the ticket in `bot`.
    const token = app.companyA.adminToken;
    await app.inject({ method: 'PATCH', url: `/api/connections/${app.cloudConnectionId}`, token, payload: { flowId: null } });
    const refused = await app.inject({ method: 'DELETE', url: `/api/flows/${flowId}`, token });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'FLOW_RUNNING', details: { running: expect.any(Number) } });
    const accepted = await app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/accept`, token: supervisor.token });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await sessionsOf(app, ticket.id)).toMatchObject([{ end_reason: 'takeover', ended_at: expect.any(Date) }]);
    await say(phone, 'Maria');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(texts(phone)).toHaveLength(2);
    expect(await stepLogsOf(app, ticket.id)).toHaveLength(1);
    expect(await ticketOfPhone(app, phone)).toMatchObject({ status: 'open' });
    // Every conversation in it has ended (transferred or taken over): now it can go.
    expect((await app.inject({ method: 'DELETE', url: `/api/flows/${flowId}`, token })).statusCode).toBe(204);
  });
});

describe('service flow runtime across restarts', () => {
  const env = (app: ConversationApp) => testEnv(app.database, { WHATSAPP_GRAPH_URL: app.graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0' });

  it('resumes a session mid-flow on a new server, and a Wait scheduled before the restart fires once', async () => {
    const app = await startConversationApp();
    try {
      const queue = await createQueue(app, app.companyA, 'Atendimento');
      const graph = graphOf(
        [
          ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }],
          ['ask', 'question', { prompt: 'Seu nome?', answer: 'text', saveAs: 'nome' }],
          ['hello', 'message', { text: 'Prazer, {{nome}}! Um momento…' }],
          ['wait', 'wait', { delayMs: 4_000 }],
          ['after', 'message', { text: 'Obrigado por esperar, {{nome}}.' }],
          ['done', 'transfer', { queueId: String(queue.id) }],
        ],
        [
          ['start', 'next', 'ask'],
          ['ask', 'next', 'hello'],
          ['hello', 'next', 'wait'],
          ['wait', 'next', 'after'],
          ['after', 'next', 'done'],
        ],
      );
      await attachFlow(app, app.companyA, app.cloudConnectionId, graph);
      const phone = '5511955550001';
      const texts = () =>
        app.graph
          .sentMessages()
          .filter((m) => m.to === phone)
          .map(textOf);
      await app.postWebhook(textWebhook(phone, 'oi').body);
      await eventually(async () => texts().length === 1, 'the question');

      // Restart while the session waits for the name.
      await app.server.close();
      app.server = await bootServer(env(app));
      await app.postWebhook(textWebhook(phone, 'Ana').body);
      await eventually(async () => texts().length === 2, 'the answer after the restart');
      expect(texts()[1]).toBe('Prazer, Ana! Um momento…');

      // Restart again while the Wait's timer is pending: the new server fires it, once.
      await app.server.close();
      expect(texts()).toHaveLength(2);
      app.server = await bootServer(env(app));
      const ticket = await eventually(
        async () => {
          const found = await ticketOfPhone(app, phone);
          return found?.status === 'pending' && found;
        },
        'the wait to fire and the transfer',
        15_000,
      );
      expect(ticket.queueId).toBe(queue.id);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(texts()).toEqual(['Seu nome?', 'Prazer, Ana! Um momento…', 'Obrigado por esperar, Ana.']);
      expect((await stepLogsOf(app, ticket.id)).map((s) => s.event)).toEqual(['start', 'reply', 'timeout']);
    } finally {
      await app.close();
    }
  }, 60_000);
});
