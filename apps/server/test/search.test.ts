import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD, startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { createQueue } from './pipeline.harness.js';
import { SearchRepository } from '../src/modules/search/index.js';

/**
 * Message full-text search (GET /api/search/messages) and opening a hit (GET
 * /api/tickets/:id/messages?around=) on the real database: PGlite by default, PostgreSQL with
 * TEST_DATABASE_URL. Inbound messages arrive through the signed webhook; the pipeline is off so each
 * ticket's queue, agent and status can be set to exactly the case under test.
 */
interface Hit {
  ticketId: number;
  messageId: number;
  snippet: string;
  segments: { text: string; match: boolean }[];
  ticketStatus: string;
  contact: { id: number; name: string };
  direction: string;
  author: string;
  createdAt: string;
}

let app: ConversationApp;
let users: Record<'agentA' | 'agentB' | 'supervisorA' | 'admin' | 'adminB', { id: number; token: string }>;
const tickets: Record<string, number> = {};
const messageIds: Record<string, number> = {};
let phoneSeq = 0;

async function say(name: string, text: string, phone: string, phoneNumberId?: string) {
  const hook = textWebhook(phone, text, { name: `Cliente ${name}`, ...(phoneNumberId && { phoneNumberId }) });
  expect((await app.postWebhook(hook.body)).statusCode).toBe(200);
  const { rows } = await app.server.database.pool.query('select id, ticket_id from messages where external_id = $1', [hook.id]);
  messageIds[name] = Number(rows[0].id);
  return Number(rows[0].ticket_id);
}

async function ticketWith(name: string, texts: string[], phoneNumberId?: string) {
  const phone = `55119000${String(++phoneSeq).padStart(5, '0')}`;
  let ticketId = 0;
  for (const [i, text] of texts.entries()) ticketId = await say(i === 0 ? name : `${name}.${i}`, text, phone, phoneNumberId);
  tickets[name] = ticketId;
  return ticketId;
}

async function place(ticket: string, set: { status: string; queueId: number | null; userId: number | null }) {
  await app.server.database.pool.query('update tickets set status = $2, queue_id = $3, user_id = $4 where id = $1', [
    tickets[ticket],
    set.status,
    set.queueId,
    set.userId,
  ]);
}

async function search(token: string, q: string, extra = '') {
  return app.inject({ method: 'GET', url: `/api/search/messages?q=${encodeURIComponent(q)}${extra}`, token });
}

async function hits(token: string, q: string, extra = ''): Promise<Hit[]> {
  const response = await search(token, q, extra);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: Hit[] }>().items;
}

const named = (list: Hit[]) =>
  list.map((h) => Object.entries(messageIds).find(([, id]) => id === h.messageId)?.[0] ?? `?${h.messageId}`).sort();

beforeAll(async () => {
  app = await startConversationApp({ INBOUND_PIPELINE: 'off' });
  const agentA = await app.createUser(app.companyA, 'agent', 'Ana');
  const agentB = await app.createUser(app.companyA, 'agent', 'Bruno');
  const supervisorA = await app.createUser(app.companyA, 'supervisor', 'Sara');
  const queueA = await createQueue(app, app.companyA, 'Fila A', [agentA.id, supervisorA.id]);
  const queueB = await createQueue(app, app.companyA, 'Fila B', [agentB.id]);
  const adminB = { id: app.companyB.adminId, token: app.companyB.adminToken };
  users = { agentA, agentB, supervisorA, admin: { id: app.companyA.adminId, token: app.companyA.adminToken }, adminB };

  await ticketWith('pendingA', ['Preciso de um ORÇAMENTO para a reforma da cozinha']);
  await place('pendingA', { status: 'pending', queueId: queueA.id, userId: null });
  await ticketWith('openB', ['Os orcamentos chegaram? Quero a segunda via do boleto']);
  await place('openB', { status: 'open', queueId: queueA.id, userId: agentB.id });
  await ticketWith('closedOwnA', ['Segue o orçamento aprovado, obrigado', 'A via segunda do boleto não chegou']);
  await place('closedOwnA', { status: 'closed', queueId: queueB.id, userId: agentA.id });
  await ticketWith('bot', ['Orçamento pelo robô?']);
  await place('bot', { status: 'bot', queueId: null, userId: null });
  await ticketWith('pendingQueueB', ['Orçamento urgente da fila B']);
  await place('pendingQueueB', { status: 'pending', queueId: queueB.id, userId: null });

  const connectionB = await app.inject({
    method: 'POST',
    url: '/api/connections',
    token: app.companyB.adminToken,
    payload: { type: 'whatsapp_cloud', name: 'B', ...CLOUD, phoneNumberId: 'PNID_200', verifyToken: 'verify-token-b' },
  });
  expect(connectionB.statusCode, connectionB.body).toBe(201);
  await ticketWith('companyB', ['Orçamento da outra empresa'], 'PNID_200');

  // One long conversation for paging and `around`.
  await ticketWith(
    'long',
    Array.from({ length: 30 }, (_, i) => `mensagem número ${i} ${i === 12 ? 'com a palavra pitanga' : ''}`),
  );
}, 120_000);
afterAll(async () => app?.close());

describe('GET /api/search/messages', () => {
  it('is accent- and case-insensitive and stems Portuguese: "orçamento" finds "orcamentos" and "ORÇAMENTO"', async () => {
    const found = await hits(users.admin.token, 'orçamento');
    expect(named(found)).toEqual(['bot', 'closedOwnA', 'openB', 'pendingA', 'pendingQueueB']);
    expect(named(await hits(users.admin.token, 'orcamento'))).toEqual(named(found));
    expect(named(await hits(users.admin.token, 'ORÇAMENTOS'))).toEqual(named(found));
  });

  it('answers newest first with contact, ticket status and a highlighted snippet made of plain segments', async () => {
    const found = await hits(users.admin.token, 'orcamento');
    expect(found.map((h) => h.messageId)).toEqual([...found.map((h) => h.messageId)].sort((a, b) => b - a));
    const upper = found.find((h) => h.messageId === messageIds.pendingA)!;
    expect(upper).toMatchObject({
      ticketId: tickets.pendingA,
      ticketStatus: 'pending',
      direction: 'in',
      author: 'customer',
      contact: { name: 'Cliente pendingA' },
      snippet: 'Preciso de um ORÇAMENTO para a reforma da cozinha',
    });
    expect(upper.segments).toEqual([
      { text: 'Preciso de um ', match: false },
      { text: 'ORÇAMENTO', match: true },
      { text: ' para a reforma da cozinha', match: false },
    ]);
    expect(
      found
        .find((h) => h.messageId === messageIds.openB)!
        .segments.filter((s) => s.match)
        .map((s) => s.text),
    ).toEqual(['orcamentos']);
  });

  it('matches a quoted phrase only in that order, and excludes -words', async () => {
    expect(named(await hits(users.admin.token, '"segunda via do boleto"'))).toEqual(['openB']);
    expect(named(await hits(users.admin.token, 'segunda via boleto'))).toEqual(['closedOwnA.1', 'openB']);
    expect(named(await hits(users.admin.token, 'orçamento -cozinha -robô'))).toEqual(['closedOwnA', 'openB', 'pendingQueueB']);
    expect(named(await hits(users.admin.token, 'pitanga or cozinha'))).toEqual(['long.12', 'pendingA']);
    const phrase = (await hits(users.admin.token, '"segunda via"'))[0]!;
    expect(phrase.segments.filter((s) => s.match).map((s) => s.text)).toEqual(['segunda via']);
  });

  it('finds only messages of tickets the caller may see (the tickets visibility rules)', async () => {
    const expected: Record<keyof typeof users, string[]> = {
      // pending of their queue + their own (even closed); never a bot's, never another agent's open one
      agentA: ['closedOwnA', 'pendingA'],
      agentB: ['openB', 'pendingQueueB'],
      // every ticket of their queue, bot and unqueued tickets
      supervisorA: ['bot', 'openB', 'pendingA'],
      admin: ['bot', 'closedOwnA', 'openB', 'pendingA', 'pendingQueueB'],
      adminB: ['companyB'],
    };
    for (const [who, names] of Object.entries(expected)) {
      expect(named(await hits(users[who as keyof typeof users].token, 'orçamento')), who).toEqual(names);
    }
    // The same filter holds when opening the hit.
    const opened = await app.inject({
      method: 'GET',
      url: `/api/tickets/${tickets.openB}/messages?around=${messageIds.openB}`,
      token: users.agentA.token,
    });
    expect(opened.statusCode).toBe(404);
  });

  it('pages with nextCursor', async () => {
    const first = await search(users.admin.token, 'mensagem', '&limit=20');
    const page1 = first.json<{ items: Hit[]; nextCursor: string | null }>();
    expect(page1.items).toHaveLength(20);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await search(users.admin.token, 'mensagem', `&limit=20&cursor=${page1.nextCursor}`)).json<{
      items: Hit[];
      nextCursor: string | null;
    }>();
    expect(page2.items).toHaveLength(10);
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items].map((h) => h.messageId);
    expect(new Set(all).size).toBe(30);
  });

  it('answers the same pages whichever plan runs: the newest-messages window, the full search, or both', async () => {
    const pool = app.server.database.pool;
    const full = new SearchRepository(pool, 0); // no window: always the full search
    const roles = { agentA: 'agent', agentB: 'agent', supervisorA: 'supervisor', admin: 'admin' } as const;
    const viewers = await Promise.all(
      Object.entries(roles).map(([who, role]) =>
        app.server.services.tickets.viewer({ companyId: app.companyA.id, userId: users[who as keyof typeof roles].id, role }),
      ),
    );
    for (const q of ['orçamento', '"segunda via do boleto"', 'mensagem', 'pitanga', 'orçamento -cozinha']) {
      const { tsquery } = await full.parse(q);
      for (const viewer of viewers) {
        for (const limit of [1, 2, 5, 40]) {
          for (const before of [undefined, messageIds['long.20']]) {
            const expected = (await full.find(viewer, tsquery, before, limit)).map((r) => Number(r.id));
            for (const window of [1, 3, 10, 1000]) {
              const got = (await new SearchRepository(pool, window).find(viewer, tsquery, before, limit)).map((r) => Number(r.id));
              expect(got, `${q} as ${viewer.role} ${viewer.userId}, limit ${limit}, window ${window}`).toEqual(expected);
            }
          }
        }
      }
    }
  });

  it('rejects an empty, missing or over-long q with a 400 naming q', async () => {
    for (const url of [
      '/api/search/messages',
      '/api/search/messages?q=',
      '/api/search/messages?q=%20%20',
      `/api/search/messages?q=${'a'.repeat(2001)}`,
    ]) {
      const response = await app.inject({ method: 'GET', url, token: users.admin.token });
      expect(response.statusCode, url).toBe(400);
      expect(Object.keys(response.json().error.fields ?? {}), url).toContain('q');
    }
    const badCursor = await search(users.admin.token, 'orçamento', '&cursor=abc');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.fields).toHaveProperty('cursor');
    expect((await app.inject({ method: 'GET', url: '/api/search/messages?q=oi' })).statusCode).toBe(401);
  });

  it('is safe with SQL and tsquery special characters and a 2,000-character query', async () => {
    const nasty = [
      '%',
      '_',
      "'",
      '\\',
      '&|!():*',
      "'; drop table messages; --",
      'orç:*',
      '!!orçamento',
      '((( orçamento',
      '"',
      '""',
      '-',
      '-orçamento',
      'or',
      'de a o',
      '100%',
      'a_b',
      "d'água",
      '\\x00',
      '<b>orçamento</b>',
    ];
    for (const q of nasty) {
      const response = await search(users.admin.token, q);
      expect([200, 400], `${q}: ${response.body}`).toContain(response.statusCode);
    }
    // The special characters are separators, not operators: the words around them still match.
    expect(named(await hits(users.admin.token, '((( orçamento & cozinha:*'))).toEqual(['pendingA']);
    expect(await hits(users.admin.token, '-orçamento')).toEqual([]);
    const long = 'orçamento cozinha '.repeat(120).slice(0, 2000);
    expect(long).toHaveLength(2000);
    const started = performance.now();
    const response = await search(users.admin.token, long);
    expect(response.statusCode).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(named(response.json<{ items: Hit[] }>().items)).toEqual(['pendingA']);
    const table = await app.server.database.pool.query('select count(*)::int as n from messages');
    expect(table.rows[0].n).toBeGreaterThan(30);
  });
});

describe('GET /api/tickets/:id/messages?around=', () => {
  it('returns the page that holds the message, with cursors both ways', async () => {
    const target = messageIds['long.12']!;
    const response = await app.inject({
      method: 'GET',
      url: `/api/tickets/${tickets.long}/messages?around=${target}&limit=10`,
      token: users.admin.token,
    });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: { id: number; body: string }[]; nextCursor: number | null; newerCursor: number | null }>();
    const ids = page.items.map((m) => m.id);
    expect(ids).toContain(target);
    expect(ids).toHaveLength(10);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids.indexOf(target)).toBe(4);
    expect(page.nextCursor).toBe(ids[9]);
    expect(page.newerCursor).toBe(ids[0]);

    const older = await app.inject({
      method: 'GET',
      url: `/api/tickets/${tickets.long}/messages?before=${page.nextCursor}&limit=50`,
      token: users.admin.token,
    });
    const newer = await app.inject({
      method: 'GET',
      url: `/api/tickets/${tickets.long}/messages?after=${page.newerCursor}&limit=50`,
      token: users.admin.token,
    });
    const newerPage = newer.json<{ items: { id: number }[]; newerCursor: number | null }>();
    expect(newerPage.newerCursor).toBeNull();
    const everything = [...newerPage.items, ...page.items, ...older.json<{ items: { id: number }[] }>().items].map((m) => m.id);
    expect(everything).toHaveLength(30);
    expect(everything).toEqual([...everything].sort((a, b) => b - a));
  });

  it('at the newest message has no newer cursor; a message of another ticket is a 404; mixing cursors is a 400', async () => {
    const newest = messageIds['long.29']!;
    const atEnd = await app.inject({
      method: 'GET',
      url: `/api/tickets/${tickets.long}/messages?around=${newest}&limit=10`,
      token: users.admin.token,
    });
    expect(atEnd.json()).toMatchObject({ newerCursor: null });
    expect(atEnd.json().items[0].id).toBe(newest);
    expect(atEnd.json().items).toHaveLength(10);
    const other = await app.inject({
      method: 'GET',
      url: `/api/tickets/${tickets.long}/messages?around=${messageIds.pendingA}`,
      token: users.admin.token,
    });
    expect(other.statusCode).toBe(404);
    const mixed = await app.inject({
      method: 'GET',
      url: `/api/tickets/${tickets.long}/messages?around=${newest}&before=${newest}`,
      token: users.admin.token,
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.fields).toHaveProperty('around');
    const plain = await app.inject({ method: 'GET', url: `/api/tickets/${tickets.long}/messages?limit=5`, token: users.admin.token });
    expect(plain.json().items.map((m: { id: number }) => m.id)[0]).toBe(newest);
  });
});
