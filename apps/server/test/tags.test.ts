import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { KanbanBoard, Tag, Ticket } from '@jimmy/contracts';
import { openSocket } from './harness.js';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { createQueue, eventKinds, eventually, ticketOfPhone } from './pipeline.harness.js';

let app: ConversationApp;
let baseUrl: string;
const sockets: Socket[] = [];
let phoneCounter = 0;
const nextPhone = () => `55119${String(6100000 + phoneCounter++).padStart(8, '0')}`;

beforeAll(async () => {
  app = await startConversationApp();
  baseUrl = await app.server.listen();
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const admin = () => app.companyA.adminToken;

async function createTag(name: string, color = '#1c7ed6'): Promise<Tag> {
  const response = await app.inject({ method: 'POST', url: '/api/tags', token: admin(), payload: { name, color } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** A customer writes in; resolves with their ticket once the pipeline handled the message. */
async function customerSays(phone: string, text: string): Promise<{ id: number }> {
  expect((await app.postWebhook(textWebhook(phone, text).body)).statusCode).toBe(200);
  return eventually(async () => {
    const ticket = await ticketOfPhone(app, phone);
    if (!ticket) return undefined;
    const { rows } = await app.server.database.pool.query(
      `select r.last_handled_message_id >= (select max(id) from messages where ticket_id = $1 and direction = 'in') as done
         from ticket_routing r where r.ticket_id = $1`,
      [ticket.id],
    );
    return rows[0]?.done === true && ticket;
  }, 'the pipeline to handle the message');
}

async function getTicket(id: number, token = admin()): Promise<Ticket> {
  const response = await app.inject({ method: 'GET', url: `/api/tickets/${id}`, token });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function toQueue(ticketId: number, queueId: number) {
  const moved = await app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/transfer`, token: admin(), payload: { queueId } });
  expect(moved.statusCode, moved.body).toBe(200);
}

describe('tags', () => {
  it('admins manage them; colours and names are validated; everyone reads them', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const badColour = await app.inject({ method: 'POST', url: '/api/tags', token: admin(), payload: { name: 'Novo', color: 'red' } });
    expect(badColour.statusCode).toBe(400);
    expect(badColour.json().error.fields).toHaveProperty('color');
    const noName = await app.inject({ method: 'POST', url: '/api/tags', token: admin(), payload: { name: ' ', color: '#000000' } });
    expect(noName.json().error.fields).toHaveProperty('name');

    const lead = await createTag('Lead quente', '#e8590c');
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/tags',
      token: admin(),
      payload: { name: 'LEAD QUENTE', color: '#000000' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields).toEqual({ name: 'already in use' });

    const byAgent = await app.inject({ method: 'POST', url: '/api/tags', token: agent.token, payload: { name: 'x', color: '#000000' } });
    expect(byAgent.statusCode).toBe(403);
    const read = await app.inject({ method: 'GET', url: '/api/tags', token: agent.token });
    expect(read.json().items.map((t: Tag) => t.name)).toContain('Lead quente');

    const renamed = await app.inject({ method: 'PUT', url: `/api/tags/${lead.id}`, token: admin(), payload: { color: '#2f9e44' } });
    expect(renamed.json()).toMatchObject({ id: lead.id, name: 'Lead quente', color: '#2f9e44' });
  });

  it('on a ticket: added once, removed, recorded in its history, carried by the list and filtered any/all', async () => {
    const vip = await createTag('VIP');
    const late = await createTag('Atrasado');
    const one = await customerSays(nextPhone(), 'oi');
    const two = await customerSays(nextPhone(), 'olá');
    const tag = (ticketId: number, tagId: number) =>
      app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/tags`, token: admin(), payload: { tagId } });

    expect((await tag(one.id, vip.id)).json().tags).toEqual([{ id: vip.id, name: 'VIP', color: '#1c7ed6' }]);
    expect((await tag(one.id, vip.id)).statusCode).toBe(200);
    await tag(one.id, late.id);
    await tag(two.id, late.id);
    expect((await tag(two.id, 999_999)).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: `/api/tickets/${two.id}/tags`, token: admin(), payload: {} })).json().error.fields,
    ).toHaveProperty('tagId');
    expect((await getTicket(one.id)).tags.map((t) => t.name)).toEqual(['Atrasado', 'VIP']);

    const ids = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/tickets${query}`, token: admin() })).json().items.map((t: Ticket) => t.id);
    expect(await ids(`?tagIds=${vip.id},${late.id}&tagMode=all`)).toEqual([one.id]);
    expect((await ids(`?tagIds=${vip.id},${late.id}`)).sort()).toEqual([one.id, two.id].sort());
    expect(await ids(`?tagId=${vip.id}`)).toEqual([one.id]);
    expect((await app.inject({ method: 'GET', url: '/api/tickets?tagIds=1;drop', token: admin() })).json().error.fields).toHaveProperty(
      'tagIds',
    );

    const removed = await app.inject({ method: 'DELETE', url: `/api/tickets/${one.id}/tags/${vip.id}`, token: admin() });
    expect(removed.json().tags.map((t: Tag) => t.name)).toEqual(['Atrasado']);
    expect((await eventKinds(app, one.id)).filter((k) => k.endsWith('tagged'))).toEqual(['tagged', 'tagged', 'untagged']);
  });

  it('an agent who cannot see the ticket cannot tag it', async () => {
    const queue = await createQueue(app, app.companyA, 'Fechada');
    const outsider = await app.createUser(app.companyA, 'agent');
    const ticket = await customerSays(nextPhone(), 'preciso de ajuda');
    await toQueue(ticket.id, queue.id);
    const tag = await createTag('Sigiloso');
    const attempt = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/tags`,
      token: outsider.token,
      payload: { tagId: tag.id },
    });
    expect(attempt.statusCode).toBe(404);
    expect((await getTicket(ticket.id)).tags).toEqual([]);
  });
});

describe('tag rules', () => {
  it('tag an inbound message through the real webhook and pipeline: accent- and case-insensitive text, and a regex', async () => {
    const budget = await createTag('Orçamento');
    const order = await createTag('Pedido');
    const rule = (payload: object) => app.inject({ method: 'POST', url: '/api/tag-rules', token: admin(), payload });
    expect((await rule({ tagId: budget.id, match: 'contains', pattern: 'orçamento' })).statusCode).toBe(201);
    expect((await rule({ tagId: order.id, match: 'regex', pattern: 'pedido\\s*#?\\d{3,}' })).statusCode).toBe(201);
    const broken = await rule({ tagId: order.id, match: 'regex', pattern: '(a+)+$' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields).toHaveProperty('pattern');
    expect((await rule({ tagId: order.id, match: 'regex', pattern: 'x'.repeat(201) })).json().error.fields).toHaveProperty('pattern');

    const phone = nextPhone();
    const quiet = await customerSays(phone, 'bom dia');
    expect((await getTicket(quiet.id)).tags).toEqual([]);
    await customerSays(phone, 'Queria um ORCAMENTO do pedido #4521');
    const tagged = await getTicket(quiet.id);
    expect(tagged.tags.map((t) => t.name)).toEqual(['Orçamento', 'Pedido']);
    const { rows } = await app.server.database.pool.query(
      `select kind, actor_user_id, data->>'via' as via from ticket_events where ticket_id = $1 and kind = 'tagged'`,
      [quiet.id],
    );
    expect(rows).toEqual([
      { kind: 'tagged', actor_user_id: null, via: 'rule' },
      { kind: 'tagged', actor_user_id: null, via: 'rule' },
    ]);

    // an open ticket, where routing has nothing to do, is still tagged
    const other = nextPhone();
    const open = await customerSays(other, 'oi');
    expect((await app.inject({ method: 'POST', url: `/api/tickets/${open.id}/accept`, token: admin() })).statusCode).toBe(200);
    await customerSays(other, 'me passa um orçamento?');
    expect((await getTicket(open.id)).tags.map((t) => t.name)).toEqual(['Orçamento']);
  });
});

describe('kanban', () => {
  let sales: { id: number };
  let lanes: { novo: Tag; proposta: Tag };
  const LANE_MESSAGE = 'Recebemos sua proposta! Em breve um consultor fala com você.';

  beforeAll(async () => {
    sales = await createQueue(app, app.companyA, 'Vendas kanban');
    lanes = { novo: await createTag('Novo'), proposta: await createTag('Proposta') };
    const set = await app.inject({
      method: 'PUT',
      url: '/api/kanban/lanes',
      token: admin(),
      payload: [{ tagId: lanes.novo.id }, { tagId: lanes.proposta.id, message: LANE_MESSAGE }],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().items.map((t: Tag) => [t.name, t.lanePosition])).toEqual([
      ['Novo', 0],
      ['Proposta', 1],
    ]);
  });

  const move = (ticketId: number, tagId: number | null, token = admin()) =>
    app.inject({ method: 'POST', url: '/api/kanban/move', token, payload: { ticketId, tagId } });

  it('lanes are validated: unknown or repeated tags name the field', async () => {
    const repeated = await app.inject({
      method: 'PUT',
      url: '/api/kanban/lanes',
      token: admin(),
      payload: [{ tagId: lanes.novo.id }, { tagId: lanes.novo.id }],
    });
    expect(repeated.json().error.fields).toHaveProperty(['1.tagId']);
    const unknown = await app.inject({ method: 'PUT', url: '/api/kanban/lanes', token: admin(), payload: [{ tagId: 987_654 }] });
    expect(unknown.json().error.fields).toHaveProperty(['0.tagId']);
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'PUT', url: '/api/kanban/lanes', token: agent.token, payload: [] })).statusCode).toBe(403);
  });

  it("a move swaps the ticket's lane tag and reaches another agent's socket", async () => {
    const mover = await app.createUser(app.companyA, 'agent');
    const colleague = await app.createUser(app.companyA, 'agent');
    const stranger = await app.createUser(app.companyA, 'agent');
    await app.inject({
      method: 'PUT',
      url: `/api/queues/${sales.id}`,
      token: admin(),
      payload: { name: 'Vendas kanban', userIds: [mover.id, colleague.id] },
    });
    const ticket = await customerSays(nextPhone(), 'quero comprar');
    await toQueue(ticket.id, sales.id);
    expect((await move(ticket.id, lanes.novo.id, mover.token)).statusCode).toBe(200);

    const [colleagueSocket, strangerSocket] = await Promise.all([
      openSocket(baseUrl, colleague.token, sockets),
      openSocket(baseUrl, stranger.token, sockets),
    ]);
    const heard: Ticket[] = [];
    colleagueSocket.on('ticket.updated', ({ ticket: t }: { ticket: Ticket }) => heard.push(t));
    const strangerHeard: unknown[] = [];
    strangerSocket.onAny((event, payload) => strangerHeard.push([event, payload]));

    const moved = await move(ticket.id, lanes.proposta.id, mover.token);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().tags.map((t: Tag) => t.name)).toEqual(['Proposta']);
    await expect
      .poll(() => heard.find((t) => t.id === ticket.id && t.tags.some((tag) => tag.id === lanes.proposta.id))?.tags.map((t) => t.name), {
        timeout: 3000,
      })
      .toEqual(['Proposta']);
    expect(strangerHeard).toEqual([]);
    expect((await eventKinds(app, ticket.id)).filter((k) => k.endsWith('tagged'))).toEqual(['tagged', 'untagged', 'tagged']);

    const board = (await app.inject({ method: 'GET', url: '/api/kanban', token: colleague.token })).json<KanbanBoard>();
    const lane = board.lanes.find((l) => l.tag?.id === lanes.proposta.id)!;
    expect(lane.cards.map((c) => c.ticket.id)).toEqual([ticket.id]);
    expect(lane.cards[0]).toMatchObject({ agent: null, ticket: { unreadCount: 1, lastMessage: { body: expect.any(String) } } });
  });

  it('the lane message reaches the customer once, even when the card moves out and back', async () => {
    const phone = nextPhone();
    const ticket = await customerSays(phone, 'tenho interesse');
    const sentLaneMessages = () => app.graph.sentMessages().filter((m) => m.to === phone && JSON.stringify(m.body).includes(LANE_MESSAGE));

    expect((await move(ticket.id, lanes.proposta.id)).statusCode).toBe(200);
    await eventually(async () => sentLaneMessages().length === 1, 'the lane message at the fake Graph API');
    expect((await move(ticket.id, lanes.novo.id)).statusCode).toBe(200);
    expect((await move(ticket.id, null)).json().tags).toEqual([]);
    expect((await move(ticket.id, lanes.proposta.id)).statusCode).toBe(200);
    expect((await move(ticket.id, lanes.proposta.id)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sentLaneMessages()).toHaveLength(1);
    const { rows } = await app.server.database.pool.query(`select count(*)::int as n from messages where ticket_id = $1 and body = $2`, [
      ticket.id,
      LANE_MESSAGE,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it("an agent's board shows only the cards they may see", async () => {
    const member = await app.createUser(app.companyA, 'agent');
    const otherQueue = await createQueue(app, app.companyA, 'Outra fila kanban');
    await app.inject({
      method: 'PUT',
      url: `/api/queues/${sales.id}`,
      token: admin(),
      payload: { name: 'Vendas kanban', userIds: [member.id] },
    });
    const mine = await customerSays(nextPhone(), 'visível');
    const hidden = await customerSays(nextPhone(), 'invisível');
    await toQueue(mine.id, sales.id);
    await toQueue(hidden.id, otherQueue.id);
    await move(hidden.id, lanes.novo.id);

    const cardIds = async (token: string) =>
      (await app.inject({ method: 'GET', url: '/api/kanban', token }))
        .json<KanbanBoard>()
        .lanes.flatMap((l) => l.cards.map((c) => c.ticket.id));
    const seen = await cardIds(member.token);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(hidden.id);
    expect(await cardIds(admin())).toEqual(expect.arrayContaining([mine.id, hidden.id]));
    expect((await move(hidden.id, lanes.proposta.id, member.token)).statusCode).toBe(404);
    const board = (await app.inject({ method: 'GET', url: '/api/kanban', token: member.token })).json<KanbanBoard>();
    expect(board.lanes.map((l) => l.tag?.name ?? null)).toEqual([null, 'Novo', 'Proposta']);
  });
});
