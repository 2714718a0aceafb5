import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import type { Socket } from 'socket.io-client';
import { bootServer, openSocket, testEnv } from './harness.js';
import { choiceWebhook, createQueue, eventKinds, eventually, patchSettings, setMenu, ticketOfPhone } from './pipeline.harness.js';

describe('inbound pipeline: queue menu through the real Cloud webhook', () => {
  let app: ConversationApp;
  let sales: { id: number };
  let support: { id: number };
  let fallback: { id: number };
  let phoneCounter = 0;
  const nextPhone = () => `55119${String(7000000 + phoneCounter++).padStart(8, '0')}`;

  const say = async (phone: string, text: string) => {
    const hook = textWebhook(phone, text);
    expect((await app.postWebhook(hook.body)).statusCode).toBe(200);
  };
  const interactiveTo = (phone: string) => app.graph.sentMessages().filter((m) => m.to === phone && m.type === 'interactive');

  beforeAll(async () => {
    app = await startConversationApp();
    sales = await createQueue(app, app.companyA, 'Vendas');
    support = await createQueue(app, app.companyA, 'Suporte', [], 'Bem-vindo ao Suporte!');
    fallback = await createQueue(app, app.companyA, 'Recepção');
    await setMenu(app, app.companyA.id, app.cloudConnectionId, [sales.id, support.id]);
    await patchSettings(app, app.companyA.id, { routing: { fallbackQueueId: fallback.id } });
  }, 60_000);
  afterAll(() => app.close());

  it('a new customer gets the menu natively (reply buttons for 2 queues) and the ticket waits with the bot', async () => {
    const phone = nextPhone();
    await say(phone, 'oi');
    const [menu] = await eventually(async () => interactiveTo(phone).length > 0 && interactiveTo(phone), 'the menu');
    const interactive = menu!.body.interactive as {
      type: string;
      body: { text: string };
      action: { buttons: { reply: { id: string; title: string } }[] };
    };
    expect(interactive.type).toBe('button');
    expect(interactive.action.buttons.map((b) => b.reply)).toEqual([
      { id: String(sales.id), title: 'Vendas' },
      { id: String(support.id), title: 'Suporte' },
    ]);
    const ticket = await ticketOfPhone(app, phone);
    expect(ticket).toMatchObject({ status: 'bot', queueId: null });
    expect(await eventKinds(app, ticket!.id)).toEqual(['created', 'menu-sent']);
  });

  it.each([
    ['a reply-button id', (phone: string) => choiceWebhook(phone, { type: 'button_reply', id: '', title: 'Suporte' })],
    ['a list-row id', (phone: string) => choiceWebhook(phone, { type: 'list_reply', id: '', title: 'Suporte' })],
    ['the digit "2"', (phone: string) => textWebhook(phone, '2')],
    ['the text "suporte"', (phone: string) => textWebhook(phone, 'suporte')],
  ])('%s routes to Suporte, greets there, and shows the ticket to agents as pending', async (_what, answer) => {
    const phone = nextPhone();
    await say(phone, 'bom dia');
    await eventually(async () => interactiveTo(phone).length > 0, 'the menu');
    const hook = answer(phone);
    const interactive = (hook.body.entry[0]!.changes[0]!.value.messages[0] as { interactive?: Record<string, { id: string }> }).interactive;
    if (interactive) for (const reply of Object.values(interactive)) if (typeof reply === 'object') reply.id = String(support.id);
    expect((await app.postWebhook(hook.body)).statusCode).toBe(200);
    const ticket = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found?.status === 'pending' && found;
    }, 'routing');
    expect(ticket.queueId).toBe(support.id);
    await eventually(
      async () =>
        app.graph
          .sentMessages()
          .some((m) => m.to === phone && m.type === 'text' && JSON.stringify(m.body).includes('Bem-vindo ao Suporte!')),
      'the queue greeting',
    );
    expect(await eventKinds(app, ticket.id)).toEqual(['created', 'menu-sent', 'queue-assigned']);
  });

  it('an invalid answer repeats the menu; the third goes to the fallback queue', async () => {
    const phone = nextPhone();
    await say(phone, 'olá');
    await eventually(async () => interactiveTo(phone).length === 1, 'the menu');
    await say(phone, 'quero pizza');
    await eventually(async () => interactiveTo(phone).length === 2, 'the menu again');
    await say(phone, '7');
    await eventually(async () => interactiveTo(phone).length === 3, 'the menu a third time');
    await say(phone, 'hã?');
    const ticket = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found?.status === 'pending' && found;
    }, 'the fallback');
    expect(ticket.queueId).toBe(fallback.id);
    expect(interactiveTo(phone)).toHaveLength(3);
    expect(await eventKinds(app, ticket.id)).toEqual([
      'created',
      'menu-sent',
      'invalid-option',
      'menu-sent',
      'invalid-option',
      'menu-sent',
      'queue-assigned',
    ]);
  });

  it('a burst of 5 concurrent messages to a ticket in the menu is handled once, in stored order', async () => {
    const phone = nextPhone();
    await say(phone, 'oi');
    await eventually(async () => interactiveTo(phone).length === 1, 'the menu');
    const burst = ['abc', 'xyz', '2', '1', 'vendas'].map((text) => textWebhook(phone, text));
    const answers = await Promise.all(burst.map((hook) => app.postWebhook(hook.body)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const ticket = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found?.status === 'pending' && found;
    }, 'routing');

    // What sequential handling in the order the messages were stored must give.
    const { rows } = await app.server.database.pool.query<{ body: string }>(
      `select body from messages where ticket_id = $1 and direction = 'in' order by id`,
      [ticket.id],
    );
    const answersInOrder = rows.map((row) => row.body).slice(1);
    const firstValid = answersInOrder.findIndex((body) => ['1', '2', 'vendas'].includes(body));
    const expectedQueue = ['2'].includes(answersInOrder[firstValid]!) ? support.id : sales.id;
    expect(ticket.queueId).toBe(expectedQueue);
    await eventually(async () => {
      const { rows: handled } = await app.server.database.pool.query<{ last: string; max: string }>(
        `select r.last_handled_message_id as last, (select max(id) from messages where ticket_id = $1 and direction = 'in') as max
           from ticket_routing r where r.ticket_id = $1`,
        [ticket.id],
      );
      return handled[0]?.last === handled[0]?.max;
    }, 'every message handled');
    const kinds = await eventKinds(app, ticket.id);
    expect(kinds.filter((k) => k === 'invalid-option')).toHaveLength(firstValid);
    expect(kinds.filter((k) => k === 'menu-sent')).toHaveLength(1 + firstValid);
    expect(kinds.filter((k) => k === 'queue-assigned')).toHaveLength(1);
  });

  it('agents do not see a bot ticket; the admin sees it in the Bot tab and can take it over', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const phone = nextPhone();
    await say(phone, 'oi');
    const ticket = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found?.status === 'bot' && found;
    }, 'a bot ticket');
    // The menu has left before the take-over, so any later menu would be the bot talking over the person.
    await eventually(async () => interactiveTo(phone).length === 1, 'the menu to reach WhatsApp');
    const agentView = await app.inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, token: agent.token });
    expect(agentView.statusCode).toBe(404);
    const botTab = await app.inject({ method: 'GET', url: '/api/tickets?status=bot', token: app.companyA.adminToken });
    expect(botTab.json<{ items: { id: number }[] }>().items.map((t) => t.id)).toContain(ticket.id);
    const agentBotTab = await app.inject({ method: 'GET', url: '/api/tickets?status=bot', token: agent.token });
    expect(agentBotTab.json<{ items: unknown[] }>().items).toEqual([]);

    const taken = await app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/accept`, token: app.companyA.adminToken });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'open', userId: app.companyA.adminId });
    // The bot is quiet once a person has the conversation.
    const menusBefore = interactiveTo(phone).length;
    await say(phone, 'quero falar com alguém');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(interactiveTo(phone)).toHaveLength(menusBefore);
    expect(await eventKinds(app, ticket.id)).toContain('taken-over');
  });

  it('an agent cannot take a ticket over from the bot', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const phone = nextPhone();
    await say(phone, 'oi');
    const ticket = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found?.status === 'bot' && found;
    }, 'a bot ticket');
    const answer = await app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/accept`, token: agent.token });
    expect(answer.statusCode).toBe(404);
  });
});

describe('inbound pipeline survives a crash between ingest and the runner', () => {
  it('routes the ticket after a restart', async () => {
    const app = await startConversationApp();
    try {
      const sales = await createQueue(app, app.companyA, 'Vendas');
      const support = await createQueue(app, app.companyA, 'Suporte');
      await setMenu(app, app.companyA.id, app.cloudConnectionId, [sales.id, support.id]);
      // The process stops running jobs (as if killed right after the commit): the webhook is
      // acknowledged, its job is stored, and nothing acts on it in this process.
      await app.server.jobs.stop();
      const phone = '5511966660001';
      expect((await app.postWebhook(textWebhook(phone, 'oi').body)).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(app.graph.sentMessages().filter((m) => m.to === phone)).toHaveLength(0);
      expect(await ticketOfPhone(app, phone)).toMatchObject({ status: 'bot' });

      await app.server.close().catch(() => undefined);
      app.server = await bootServer(testEnv(app.database, { WHATSAPP_GRAPH_URL: app.graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0' }));
      await eventually(
        async () => app.graph.sentMessages().some((m) => m.to === phone && m.type === 'interactive'),
        'the menu after restart',
      );
      const ticket = await ticketOfPhone(app, phone);
      expect(await eventKinds(app, ticket!.id)).toEqual(['created', 'menu-sent']);
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('inbound pipeline hands a routed ticket to the assignment', () => {
  it('gives the ticket to an online agent of a round-robin queue in the routing transaction', async () => {
    const app = await startConversationApp();
    const sockets: Socket[] = [];
    try {
      const baseUrl = await app.server.listen();
      const agent = await app.createUser(app.companyA, 'agent', 'Rita Rodízio');
      const support = await app.inject({
        method: 'POST',
        url: '/api/queues',
        token: app.companyA.adminToken,
        payload: { name: 'Suporte', userIds: [agent.id], assignmentMode: 'round_robin' },
      });
      const sales = await createQueue(app, app.companyA, 'Vendas');
      await setMenu(app, app.companyA.id, app.cloudConnectionId, [sales.id, support.json<{ id: number }>().id]);
      await openSocket(baseUrl, agent.token, sockets);
      await eventually(
        async () => (await app.server.services.presence.onlineUserIds(app.server.database.pool, app.companyA.id, [agent.id])).has(agent.id),
        'the agent online',
      );

      const phone = '5511944440001';
      expect((await app.postWebhook(textWebhook(phone, 'oi').body)).statusCode).toBe(200);
      await eventually(async () => (await ticketOfPhone(app, phone))?.status === 'bot', 'the menu');
      expect((await app.postWebhook(textWebhook(phone, 'suporte').body)).statusCode).toBe(200);
      const ticket = await eventually(async () => {
        const found = await ticketOfPhone(app, phone);
        return found?.status === 'open' && found;
      }, 'the assignment');
      const read = await app.inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, token: agent.token });
      expect(read.json()).toMatchObject({ status: 'open', userId: agent.id });
      expect(await eventKinds(app, ticket.id)).toEqual(['created', 'menu-sent', 'queue-assigned', 'assigned']);
    } finally {
      for (const socket of sockets) socket.disconnect();
      await app.close();
    }
  }, 60_000);
});
