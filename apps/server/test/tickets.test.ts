import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';

let app: ConversationApp;
let agent: Awaited<ReturnType<ConversationApp['createUser']>>;
let otherAgent: Awaited<ReturnType<ConversationApp['createUser']>>;
let supportQueue: number;

beforeAll(async () => {
  app = await startConversationApp();
  agent = await app.createUser(app.companyA, 'agent', 'Ana');
  otherAgent = await app.createUser(app.companyA, 'agent', 'Otto');
  // Ana belongs to Vendas; its id is not needed below.
  await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: app.companyA.adminToken,
    payload: { name: 'Vendas', color: '#ff0000', userIds: [agent.id] },
  });
  const support = await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: app.companyA.adminToken,
    payload: { name: 'Suporte', userIds: [otherAgent.id] },
  });
  supportQueue = support.json().id;
});
afterAll(async () => app?.close());

const post = (url: string, token: string, payload?: object) => app.inject({ method: 'POST', url, token, ...(payload && { payload }) });
async function newTicket(phone: string, text = 'olá'): Promise<number> {
  expect((await app.postWebhook(textWebhook(phone, text).body)).statusCode).toBe(200);
  return (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === `+${phone}`)!.id;
}

describe('ticket lifecycle', () => {
  it('pending → accept → transfer → close → reopen, with guards', async () => {
    const id = await newTicket('5511911110001');
    const accepted = await post(`/api/tickets/${id}/accept`, agent.token);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'open', userId: agent.id, unreadCount: 0 });
    const twice = await post(`/api/tickets/${id}/accept`, otherAgent.token);
    expect(twice.statusCode).toBe(404); // Otto cannot even see Ana's ticket outside his queue

    const transferred = await post(`/api/tickets/${id}/transfer`, agent.token, {
      queueId: supportQueue,
      userId: null,
      note: 'cliente quer suporte',
    });
    expect(transferred.statusCode).toBe(200);
    expect(transferred.json()).toMatchObject({ status: 'pending', queueId: supportQueue, userId: null });
    // Ana no longer sees it; Otto (Suporte) does
    expect((await app.inject({ method: 'GET', url: `/api/tickets/${id}`, token: agent.token })).statusCode).toBe(404);
    expect((await post(`/api/tickets/${id}/accept`, otherAgent.token)).json()).toMatchObject({ status: 'open', userId: otherAgent.id });
    const notes = (await messagesOf(app, otherAgent.token, id)).filter((m) => m.type === 'system');
    expect(notes[0]).toMatchObject({ payload: { event: 'transferred', queueId: supportQueue } });
    // the transfer's note is a private note by the transferring agent
    expect((await messagesOf(app, otherAgent.token, id)).filter((m) => m.type === 'note')).toMatchObject([
      { body: 'cliente quer suporte', userId: agent.id },
    ]);

    const closed = await post(`/api/tickets/${id}/close`, otherAgent.token);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const reopened = await post(`/api/tickets/${id}/reopen`, otherAgent.token);
    expect(reopened.json()).toMatchObject({ status: 'open', userId: otherAgent.id, closedAt: null });
  });

  it('validates a transfer target', async () => {
    const id = await newTicket('5511911110002');
    const none = await post(`/api/tickets/${id}/transfer`, app.companyA.adminToken, {});
    expect(none.statusCode).toBe(400);
    const foreignUser = await post(`/api/tickets/${id}/transfer`, app.companyA.adminToken, { userId: app.companyB.adminId });
    expect(foreignUser.statusCode).toBe(400);
    expect(foreignUser.json().error.fields).toHaveProperty('userId');
  });

  it("opens a new ticket when a closed conversation's contact writes again", async () => {
    const first = await newTicket('5511911110003');
    await post(`/api/tickets/${first}/close`, app.companyA.adminToken);
    const second = await newTicket('5511911110003', 'voltei');
    expect(second).not.toBe(first);
    const contactId = (await ticketsOf(app, app.companyA)).find((t) => t.id === second)!.contact.id;
    // reopening the old one while the new one is live is refused: one live ticket per contact
    const clash = await post(`/api/tickets/${first}/reopen`, app.companyA.adminToken);
    expect(clash.statusCode).toBe(409);
    const history = await app.inject({ method: 'GET', url: `/api/contacts/${contactId}/history`, token: app.companyA.adminToken });
    expect(history.json().items.map((t: { id: number }) => t.id)).toEqual([second, first]);
  });

  it('reopens the last ticket instead when the connection says so', async () => {
    await app.inject({
      method: 'PATCH',
      url: `/api/connections/${app.cloudConnectionId}`,
      token: app.companyA.adminToken,
      payload: { reopenWindowMinutes: 30 },
    });
    try {
      const first = await newTicket('5511911110004');
      await post(`/api/tickets/${first}/close`, app.companyA.adminToken);
      const again = await newTicket('5511911110004', 'esqueci uma coisa');
      expect(again).toBe(first);
    } finally {
      await app.inject({
        method: 'PATCH',
        url: `/api/connections/${app.cloudConnectionId}`,
        token: app.companyA.adminToken,
        payload: { reopenWindowMinutes: 0 },
      });
    }
  });
});

describe('starting a conversation', () => {
  it('creates the contact and an open ticket for the agent, or returns the live one', async () => {
    const first = await post('/api/tickets', agent.token, {
      connectionId: app.cloudConnectionId,
      phone: '+55 11 95555-0001',
      name: 'Novo Cliente',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'open',
      userId: agent.id,
      contact: { name: 'Novo Cliente', phone: '+5511955550001' },
      windowExpiresAt: null,
    });
    const again = await post('/api/tickets', agent.token, { connectionId: app.cloudConnectionId, phone: '5511955550001' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    // no window yet: free text is refused, a template is the way in
    const text = await post(`/api/tickets/${first.json().id}/messages`, agent.token, { body: 'oi' });
    expect(text.json().error.code).toBe('WINDOW_CLOSED');
    const foreign = await post('/api/tickets', app.companyB.adminToken, { connectionId: app.cloudConnectionId, phone: '5511955550002' });
    expect(foreign.statusCode).toBe(400);
  });
});

describe('ticket list', () => {
  it('shows agents only their queues, their own, and unqueued pending tickets', async () => {
    const unqueued = await newTicket('5511922220001');
    const inSupport = await newTicket('5511922220002');
    await post(`/api/tickets/${inSupport}/transfer`, app.companyA.adminToken, { queueId: supportQueue });
    const anaSees = (await app.inject({ method: 'GET', url: '/api/tickets?limit=100', token: agent.token }))
      .json()
      .items.map((t: { id: number }) => t.id);
    expect(anaSees).toContain(unqueued);
    expect(anaSees).not.toContain(inSupport);
    const ottoSees = (await app.inject({ method: 'GET', url: '/api/tickets?limit=100', token: otherAgent.token }))
      .json()
      .items.map((t: { id: number }) => t.id);
    expect(ottoSees).toContain(inSupport);
  });

  it('filters by status, "mine" and text, and pages with a cursor without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await newTicket(`55119333300${String(i).padStart(2, '0')}`, `pedido número ${i} abacaxi`);
    const found = (await app.inject({ method: 'GET', url: '/api/tickets?q=abacaxi&limit=100', token: app.companyA.adminToken })).json()
      .items;
    expect(found).toHaveLength(7);
    const byNumber = (await app.inject({ method: 'GET', url: '/api/tickets?q=933330003', token: app.companyA.adminToken })).json().items;
    expect(byNumber).toHaveLength(1);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (
        await app.inject({
          method: 'GET',
          url: `/api/tickets?status=pending&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          token: app.companyA.adminToken,
        })
      ).json();
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await app.inject({ method: 'GET', url: '/api/tickets?status=pending&limit=100', token: app.companyA.adminToken }))
      .json()
      .items.map((t: { id: number }) => t.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);

    const mine = (await app.inject({ method: 'GET', url: '/api/tickets?status=open&scope=mine', token: otherAgent.token })).json().items;
    expect(mine.every((t: { userId: number }) => t.userId === otherAgent.id)).toBe(true);
  });

  it('finds tickets by message text whether matches are few or many (both search plans)', async () => {
    const many = await newTicket('5511933339001', 'primeira mensagem');
    const few = await newTicket('5511933339002', 'só aqui tem jabuticaba');
    // enough matching messages to switch the search to its "dense" plan
    await app.server.database.pool.query(
      `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, type, body, status)
       select company_id, id, connection_id, contact_id, 'in', 'customer', 'text', 'quero pagar o boleto ' || g, 'delivered'
         from tickets, generate_series(1, 2100) g where id = $1`,
      [many],
    );
    const dense = (await app.inject({ method: 'GET', url: '/api/tickets?q=boleto', token: app.companyA.adminToken }))
      .json()
      .items.map((t: { id: number }) => t.id);
    expect(dense).toEqual([many]);
    const sparse = (await app.inject({ method: 'GET', url: '/api/tickets?q=jabuticaba', token: app.companyA.adminToken }))
      .json()
      .items.map((t: { id: number }) => t.id);
    expect(sparse).toEqual([few]);
    const byName = (await app.inject({ method: 'GET', url: '/api/tickets?q=9002', token: app.companyA.adminToken }))
      .json()
      .items.map((t: { id: number }) => t.id);
    expect(byName).toEqual([few]);
  });

  it('rejects a bad filter with 400 naming it', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/tickets?status=archived', token: app.companyA.adminToken });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('status');
  });
});

describe('contacts', () => {
  it('edits a contact and keeps the edited name when the customer writes again', async () => {
    const id = await newTicket('5511944440001');
    const contactId = (await ticketsOf(app, app.companyA)).find((t) => t.id === id)!.contact.id;
    // Custom values must name a field the company defined (contacts-fields.test.ts covers the validation).
    const field = await app.inject({
      method: 'POST',
      url: '/api/custom-fields',
      token: app.companyA.adminToken,
      payload: { key: 'cpf', label: 'CPF', type: 'text' },
    });
    expect(field.statusCode).toBe(201);
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contactId}`,
      token: agent.token,
      payload: { name: 'Dona Cida', email: 'cida@example.com', customFields: { cpf: '123' } },
    });
    expect(edited.statusCode).toBe(200);
    await app.postWebhook(textWebhook('5511944440001', 'de novo', { name: 'cida_zap' }).body);
    const contact = await app.inject({ method: 'GET', url: `/api/contacts/${contactId}`, token: agent.token });
    expect(contact.json()).toMatchObject({ name: 'Dona Cida', email: 'cida@example.com', customFields: { cpf: '123' } });
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contactId}`,
      token: agent.token,
      payload: { email: 'not-an-email' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('email');
    const search = await app.inject({ method: 'GET', url: '/api/contacts?q=cida', token: agent.token });
    expect(search.json().items.map((c: { id: number }) => c.id)).toContain(contactId);
  });
});
