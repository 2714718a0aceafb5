import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { bootServer, testEnv } from './harness.js';
import { eventKinds, eventually, setMenu, createQueue, ticketOfPhone } from './pipeline.harness.js';

/**
 * "Enviar para o Typebot" against a local fake of Typebot's public chat API (startChat /
 * continueChat, markdown text bubbles, a choice input): the bot's lines reach the customer through
 * the fake Graph API, the customer's replies go back to Typebot in order, and when the bot ends,
 * fails or times out the ticket goes to its queue instead of staying with the bot.
 */
let app: ConversationApp;
let fake: http.Server;
let fakeUrl: string;
let queueId: number;
const calls: Array<{ url: string; auth: string | undefined; body: Record<string, unknown> }> = [];
let mode: 'ok' | 'slow' | 'fail' = 'ok';

const text = (markdown: string) => ({ id: `m-${markdown.length}`, type: 'text', content: { type: 'markdown', markdown } });

/** A tiny bot: greeting + image + "Qual assunto?" menu → "Descreva o problema" (free text) → goodbye (end). */
function typebotAnswer(url: string, body: Record<string, unknown>): unknown {
  if (url.endsWith('/startChat')) {
    return {
      sessionId: 'sess-1',
      typebot: { id: 'tb', version: '6', theme: {}, settings: {} },
      messages: [
        text('Olá! Sou o assistente.'),
        { id: 'img', type: 'image', content: { url: 'https://cdn.example/logo.png' } },
        text('Qual assunto?'),
      ],
      input: {
        id: 'in-1',
        type: 'choice input',
        items: [
          { id: 'c-vendas', content: 'Vendas' },
          { id: 'c-suporte', content: 'Suporte' },
        ],
      },
    };
  }
  const reply = (body.message as { text?: string } | undefined)?.text;
  if (reply === 'Suporte') return { messages: [text('Descreva o problema')], input: { id: 'in-2', type: 'text input', options: {} } };
  return { messages: [text(`Obrigado! Anotei: ${reply ?? ''}. Um atendente vai falar com você.`)] };
}

beforeAll(async () => {
  fake = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      calls.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      if (mode === 'slow') return;
      if (mode === 'fail') {
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ message: 'Internal error' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(typebotAnswer(req.url ?? '', body)));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  app = await startConversationApp({ TYPEBOT_TIMEOUT_MS: '400' });
  // One queue on the connection: a ticket the bot lets go of lands there.
  queueId = (await createQueue(app, app.companyA, 'Suporte')).id;
  await setMenu(app, app.companyA.id, app.cloudConnectionId, [queueId]);
});

afterAll(async () => {
  await app?.close();
  fake?.closeAllConnections();
  await new Promise((resolve) => fake?.close(resolve));
});

beforeEach(() => {
  calls.length = 0;
  mode = 'ok';
});

const admin = () => app.companyA.adminToken;
let phoneCounter = 0;
const nextPhone = () => `55119666${String(1000 + phoneCounter++)}`;

const say = async (phone: string, body: string) => expect((await app.postWebhook(textWebhook(phone, body).body)).statusCode).toBe(200);

/** Waits until the runner has handled the customer's lines too: a line it handles after the hand-over goes to Typebot. */
async function lineHandled(ticketId: number): Promise<boolean> {
  const { rows } = await app.server.database.pool.query<{ n: string }>(
    `select count(*) as n from messages m left join ticket_routing tr on tr.ticket_id = m.ticket_id
      where m.ticket_id = $1 and m.author = 'customer' and m.id > coalesce(tr.last_handled_message_id, 0)`,
    [ticketId],
  );
  return Number(rows[0]?.n) === 0;
}

async function ticketOf(phone: string) {
  await say(phone, 'oi');
  const ticket = await eventually(async () => ticketOfPhone(app, phone), 'the ticket');
  await eventually(async () => lineHandled(ticket.id), 'the runner to handle the first line');
  return ticket;
}

const configure = (enabled = true) =>
  app.inject({
    method: 'PUT',
    url: '/api/settings/typebot',
    token: admin(),
    payload: { baseUrl: `${fakeUrl}/`, publicId: 'meu-bot', apiToken: 'tb-token', enabled },
  });

const sendToTypebot = (ticketId: number, token = admin()) => app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/typebot`, token });

const sentTo = (phone: string) => app.graph.sentMessages().filter((m) => m.to === phone);
const sentText = (phone: string) => sentTo(phone).map((m) => JSON.stringify(m.body));

const sessionOf = async (ticketId: number) =>
  (
    await app.server.database.pool.query<{ end_reason: string | null; ended_at: Date | null }>(
      'select end_reason, ended_at from typebot_sessions where ticket_id = $1 order by id desc limit 1',
      [ticketId],
    )
  ).rows[0];

describe('Typebot settings', () => {
  it('keeps the token sealed and write-only; only admins see or change them', async () => {
    const saved = await configure();
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ baseUrl: fakeUrl, publicId: 'meu-bot', hasApiToken: true, enabled: true });
    expect(saved.body).not.toContain('tb-token');
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'GET', url: '/api/settings/typebot', token: agent.token })).statusCode).toBe(403);
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/settings/typebot',
      token: admin(),
      payload: { baseUrl: 'nope', publicId: 'a b', enabled: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields ?? {})).toEqual(expect.arrayContaining(['baseUrl', 'publicId']));
    expect((await app.inject({ method: 'GET', url: '/api/settings/typebot', token: app.companyB.adminToken })).json().enabled).toBe(false);
  });
});

describe('Enviar para o Typebot', () => {
  it('relays the bot to the customer and the replies back, then hands the ticket to its queue when the bot ends', async () => {
    expect((await configure()).statusCode).toBe(200);
    const phone = nextPhone();
    const ticket = await ticketOf(phone);
    const started = await sendToTypebot(ticket.id);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ status: 'starting' });
    expect((await ticketOfPhone(app, phone))!.status).toBe('bot');

    // startChat → text, the image (as its link), and the choice input as a native menu with its question.
    await eventually(async () => sentTo(phone).some((m) => m.type === 'interactive'), 'the Typebot menu');
    expect(calls[0]).toMatchObject({
      url: '/api/v1/typebots/meu-bot/startChat',
      auth: 'Bearer tb-token',
      body: { isStreamEnabled: false, textBubbleContentFormat: 'markdown' },
    });
    const sent = sentText(phone);
    expect(sent[0]).toContain('Olá! Sou o assistente.');
    expect(sent[1]).toContain('https://cdn.example/logo.png');
    expect(sent[2]).toContain('Qual assunto?');
    expect(sent[2]).toContain('Suporte');

    // "2" picks the second option: Typebot gets the item's text.
    await say(phone, '2');
    await eventually(async () => sentText(phone).some((m) => m.includes('Descreva o problema')), 'the next Typebot message');
    expect(calls[1]).toMatchObject({
      url: '/api/v1/sessions/sess-1/continueChat',
      auth: 'Bearer tb-token',
      body: { message: { type: 'text', text: 'Suporte' } },
    });

    // The last answer has no input: the bot ended, the ticket goes to the connection's queue.
    await say(phone, 'minha internet caiu');
    await eventually(async () => (await ticketOfPhone(app, phone))?.status === 'pending', 'the hand-over to the queue');
    // The goodbye was stored with the hand-over; its send job delivers it right after.
    await eventually(async () => sentText(phone).some((m) => m.includes('Anotei: minha internet caiu')), 'the goodbye');
    expect((await ticketOfPhone(app, phone))!.queueId).toBe(queueId);
    expect(await sessionOf(ticket.id)).toMatchObject({ end_reason: 'completed' });
    const kinds = await eventKinds(app, ticket.id);
    expect(kinds).toEqual(expect.arrayContaining(['typebot-started', 'typebot-ended']));
    expect(calls).toHaveLength(3);

    // Afterwards the customer talks to people: Typebot hears nothing more.
    await say(phone, 'alô?');
    await eventually(async () => {
      const { rows } = await app.server.database.pool.query<{ last: string }>(
        `select tr.last_handled_message_id as last from ticket_routing tr where tr.ticket_id = $1`,
        [ticket.id],
      );
      const { rows: latest } = await app.server.database.pool.query<{ id: string }>(
        `select max(id) as id from messages where ticket_id = $1 and author = 'customer'`,
        [ticket.id],
      );
      return rows[0] !== undefined && Number(rows[0].last) === Number(latest[0]?.id);
    }, 'the runner to handle the line');
    expect(calls).toHaveLength(3);
  });

  it('a takeover ends the session: the customer’s next line is not sent to Typebot', async () => {
    expect((await configure()).statusCode).toBe(200);
    const phone = nextPhone();
    const ticket = await ticketOf(phone);
    expect((await sendToTypebot(ticket.id)).statusCode).toBe(202);
    await eventually(async () => sentTo(phone).some((m) => m.type === 'interactive'), 'the Typebot menu');
    const accepted = await app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/accept`, token: admin() });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await sessionOf(ticket.id)).toMatchObject({ end_reason: 'takeover' });
    const before = calls.length;
    await say(phone, '1');
    await eventually(async () => {
      const { rows } = await app.server.database.pool.query<{ n: string }>(
        `select count(*) as n from messages m join ticket_routing tr on tr.ticket_id = m.ticket_id
          where m.ticket_id = $1 and m.author = 'customer' and m.id > tr.last_handled_message_id`,
        [ticket.id],
      );
      return Number(rows[0]?.n) === 0;
    }, 'the runner to handle the line');
    expect(calls.length).toBe(before);
    expect((await ticketOfPhone(app, phone))!.status).toBe('open');
  });

  for (const failure of ['fail', 'slow'] as const) {
    it(`Typebot ${failure === 'fail' ? 'answering 500' : 'timing out'}: the ticket goes to its queue, not stuck with the bot`, async () => {
      expect((await configure()).statusCode).toBe(200);
      const phone = nextPhone();
      const ticket = await ticketOf(phone);
      mode = failure;
      const sentBefore = sentTo(phone).length;
      expect((await sendToTypebot(ticket.id)).statusCode).toBe(202);
      await eventually(async () => (await ticketOfPhone(app, phone))?.status === 'pending', 'the fallback to the queue');
      expect((await ticketOfPhone(app, phone))!.queueId).toBe(queueId);
      expect(await sessionOf(ticket.id)).toMatchObject({ end_reason: 'failed' });
      const { rows } = await app.server.database.pool.query<{ data: { reason: string } }>(
        `select data from ticket_events where ticket_id = $1 and kind = 'typebot-ended'`,
        [ticket.id],
      );
      expect(rows[0]!.data.reason).toBe(failure === 'fail' ? 'provider' : 'timeout');
      expect(sentTo(phone)).toHaveLength(sentBefore);
    });
  }

  it('switched off or never configured: 409 and nothing is called; another company’s ticket is a 404', async () => {
    const phone = nextPhone();
    const ticket = await ticketOf(phone);
    const other = await sendToTypebot(ticket.id, app.companyB.adminToken);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await configure(false)).statusCode).toBe(200);
    const off = await sendToTypebot(ticket.id);
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('TYPEBOT_DISABLED');
    expect(calls).toEqual([]);
    expect((await ticketOfPhone(app, phone))!.status).not.toBe('bot');
  });

  // Last in the file: it replaces the app's server.
  it('a session survives a restart: the stored call runs on the next boot', async () => {
    expect((await configure()).statusCode).toBe(200);
    const phone = nextPhone();
    const ticket = await ticketOf(phone);
    await eventually(async () => {
      const { rows } = await app.server.database.pool.query('select 1 from ticket_routing where ticket_id = $1', [ticket.id]);
      return rows.length > 0;
    }, 'the runner to handle the first line');
    // The process stops running jobs (as if killed right after the commit): the call is stored, not made.
    await app.server.jobs.stop();
    expect((await sendToTypebot(ticket.id)).statusCode).toBe(202);
    expect(calls).toEqual([]);
    await app.server.close().catch(() => undefined);
    app.server = await bootServer(
      testEnv(app.database, { WHATSAPP_GRAPH_URL: app.graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0', TYPEBOT_TIMEOUT_MS: '400' }),
    );
    await eventually(async () => sentTo(phone).some((m) => m.type === 'interactive'), 'the Typebot menu after the restart');
    expect(calls.map((call) => call.url)).toEqual(['/api/v1/typebots/meu-bot/startChat']);
    expect((await ticketOfPhone(app, phone))!.status).toBe('bot');
  }, 60_000);
});
