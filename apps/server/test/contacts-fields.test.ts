import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { openSocket } from './harness.js';
import { startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { createQueue } from './pipeline.harness.js';

/** Custom fields, contact tags and the contact timeline against the real database. */
let app: ConversationApp;
let contactId: number;
let agent: Awaited<ReturnType<ConversationApp['createUser']>>;

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  app.server.database.pool.query<T>(text, values).then((r) => r.rows);

beforeAll(async () => {
  app = await startConversationApp({ INBOUND_PIPELINE: 'off' });
  agent = await app.createUser(app.companyA, 'agent');
  expect((await app.postWebhook(textWebhook('5511944440001', 'oi').body)).statusCode).toBe(200);
  const [ticket] = await ticketsOf(app, app.companyA);
  contactId = ticket!.contact.id;
});
afterAll(async () => app?.close());

const patchContact = (customFields: Record<string, string>, token = app.companyA.adminToken) =>
  app.inject({ method: 'PATCH', url: `/api/contacts/${contactId}`, token, payload: { customFields } });

describe('custom fields', () => {
  it('admins define them, everyone reads them, agents may not define them', async () => {
    const define = (payload: object, token = app.companyA.adminToken) =>
      app.inject({ method: 'POST', url: '/api/custom-fields', token, payload });
    expect((await define({ key: 'cpf', label: 'CPF', type: 'text' })).statusCode).toBe(201);
    expect((await define({ key: 'pedidos', label: 'Pedidos', type: 'number' })).statusCode).toBe(201);
    expect((await define({ key: 'nascimento', label: 'Nascimento', type: 'date' })).statusCode).toBe(201);
    expect((await define({ key: 'plano', label: 'Plano', type: 'choice', options: ['Básico', 'Pro'] })).statusCode).toBe(201);
    expect((await define({ key: 'x', label: 'X', type: 'text' }, agent.token)).statusCode).toBe(403);
    const duplicate = await define({ key: 'cpf', label: 'CPF 2', type: 'text' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields).toHaveProperty('key');
    const noOptions = await define({ key: 'cor', label: 'Cor', type: 'choice', options: [] });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().error.fields).toHaveProperty('options');
    const list = await app.inject({ method: 'GET', url: '/api/custom-fields', token: agent.token });
    expect(list.json().items.map((f: { key: string }) => f.key)).toEqual(['cpf', 'pedidos', 'nascimento', 'plano']);
    const other = await app.inject({ method: 'GET', url: '/api/custom-fields', token: app.companyB.adminToken });
    expect(other.json().items).toEqual([]);
  });

  it.each([
    [{ desconhecido: 'x' }, 'customFields.desconhecido'],
    [{ pedidos: 'doze' }, 'customFields.pedidos'],
    [{ nascimento: '2024-02-30' }, 'customFields.nascimento'],
    [{ nascimento: '30/01/2024' }, 'customFields.nascimento'],
    [{ plano: 'Ouro' }, 'customFields.plano'],
  ])('refuses %j naming %s', async (values, field) => {
    const response = await patchContact(values);
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual([field]);
  });

  it('stores valid values by type, an empty value clears its field', async () => {
    const response = await patchContact({ cpf: '123.456.789-00', pedidos: '12,5', nascimento: '1990-05-17', plano: 'Pro' }, agent.token);
    expect(response.statusCode).toBe(200);
    expect(response.json().customFields).toEqual({ cpf: '123.456.789-00', pedidos: '12.5', nascimento: '1990-05-17', plano: 'Pro' });
    const cleared = await patchContact({ cpf: '', pedidos: '3', nascimento: '1990-05-17', plano: 'Pro' });
    expect(cleared.json().customFields).toEqual({ pedidos: '3', nascimento: '1990-05-17', plano: 'Pro' });
  });

  it('renaming a key carries the stored values along', async () => {
    const [field] = await sql<{ id: number }>(`select id from custom_field_definitions where company_id = $1 and key = 'pedidos'`, [
      app.companyA.id,
    ]);
    const renamed = await app.inject({
      method: 'PUT',
      url: `/api/custom-fields/${field!.id}`,
      token: app.companyA.adminToken,
      payload: { key: 'compras', label: 'Compras', type: 'number' },
    });
    expect(renamed.statusCode).toBe(200);
    const contact = await app.inject({ method: 'GET', url: `/api/contacts/${contactId}`, token: app.companyA.adminToken });
    expect(contact.json().customFields).toMatchObject({ compras: '3' });
    expect(contact.json().customFields).not.toHaveProperty('pedidos');
  });
});

describe('contact tags', () => {
  let vip: number;
  let lead: number;
  let foreign: number;
  let second: number;
  beforeAll(async () => {
    const insert = async (companyId: number, name: string) =>
      (
        await sql<{ id: number }>(`insert into tags (company_id, name, color) values ($1, $2, '#228be6') returning id`, [companyId, name])
      )[0]!.id;
    vip = await insert(app.companyA.id, 'VIP');
    lead = await insert(app.companyA.id, 'Lead');
    foreign = await insert(app.companyB.id, 'Alheia');
    expect((await app.postWebhook(textWebhook('5511944440002', 'olá').body)).statusCode).toBe(200);
    second = (await sql<{ id: number }>(`select id from contacts where wa_id = '5511944440002'`))[0]!.id;
  });

  const tag = (id: number, tagId: number, token = app.companyA.adminToken) =>
    app.inject({ method: 'POST', url: `/api/contacts/${id}/tags`, token, payload: { tagId } });

  it('adds and removes tags; the contact payload carries them', async () => {
    expect((await tag(contactId, vip, agent.token)).statusCode).toBe(200);
    const both = await tag(contactId, lead);
    expect(both.json().tags.map((t: { name: string }) => t.name)).toEqual(['Lead', 'VIP']);
    expect(both.json().tags[0]).toEqual({ id: lead, name: 'Lead', color: '#228be6' });
    expect((await tag(contactId, vip)).statusCode).toBe(200);
    expect((await tag(second, vip)).statusCode).toBe(200);
    expect((await tag(contactId, foreign)).statusCode).toBe(404);
    const bad = await tag(contactId, 'x' as unknown as number);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('tagId');
  });

  it('filters the contact list by tags, any or all', async () => {
    const ids = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/contacts?${query}`, token: app.companyA.adminToken }))
        .json()
        .items.map((c: { id: number }) => c.id);
    expect((await ids(`tagIds=${vip}`)).sort()).toEqual([contactId, second].sort());
    expect(await ids(`tagIds=${vip},${lead}&tagMode=all`)).toEqual([contactId]);
    expect((await ids(`tagIds=${vip},${lead}&tagMode=any`)).sort()).toEqual([contactId, second].sort());
    const bad = await app.inject({ method: 'GET', url: '/api/contacts?tagIds=1;drop', token: app.companyA.adminToken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('tagIds');
  });

  it('removal is audited and shows in the timeline', async () => {
    const removed = await app.inject({ method: 'DELETE', url: `/api/contacts/${contactId}/tags/${lead}`, token: app.companyA.adminToken });
    expect(removed.json().tags.map((t: { name: string }) => t.name)).toEqual(['VIP']);
    const timeline = await app.inject({ method: 'GET', url: `/api/contacts/${contactId}/timeline`, token: app.companyA.adminToken });
    const kinds = timeline.json().items.map((i: { kind: string; data: { name?: string } }) => `${i.kind}:${i.data.name ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['tag-removed:Lead', 'tag-added:Lead', 'tag-added:VIP']));
    expect(kinds.indexOf('tag-removed:Lead')).toBeLessThan(kinds.indexOf('tag-added:Lead'));
  });
});

describe('timeline', () => {
  it('shows an agent only what it may see of the tickets, and pages without gaps or repeats', async () => {
    const sales = await createQueue(app, app.companyA, 'Vendas', [agent.id]);
    const support = await createQueue(app, app.companyA, 'Suporte');
    const [visible] = await sql<{ id: number }>(`select id from tickets where contact_id = $1`, [contactId]);
    await sql('update tickets set queue_id = $1 where id = $2', [sales.id, visible!.id]);
    const [hidden] = await sql<{ id: number }>(
      `insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status, closed_at, created_at)
       values ($1, $2, $3, $4, $5, 'closed', now() - interval '1 day', now() - interval '2 days') returning id`,
      [app.companyA.id, contactId, app.cloudConnectionId, support.id, app.companyA.adminId],
    );
    const note = (ticketId: number, body: string) =>
      sql(
        `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, status)
         values ($1, $2, $3, $4, 'out', 'agent', $5, 'note', $6, 'sent')`,
        [app.companyA.id, ticketId, app.cloudConnectionId, contactId, app.companyA.adminId, body],
      );
    await note(visible!.id, 'nota visível');
    await note(hidden!.id, 'nota secreta');
    await sql(
      `insert into surveys (company_id, ticket_id, contact_id, connection_id, status, score, expires_at, answered_at)
       values ($1, $2, $3, $4, 'answered', 5, now(), now() - interval '1 day')`,
      [app.companyA.id, hidden!.id, contactId, app.cloudConnectionId],
    );

    const all = async (token: string, limit: number) => {
      const items: { key: string; kind: string; ticketId: number | null; data: Record<string, unknown> }[] = [];
      let cursor: string | null = null;
      do {
        const page = await app.inject({
          method: 'GET',
          url: `/api/contacts/${contactId}/timeline?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          token,
        });
        expect(page.statusCode).toBe(200);
        items.push(...page.json().items);
        cursor = page.json().nextCursor;
      } while (cursor);
      return items;
    };
    const admin = await all(app.companyA.adminToken, 100);
    expect(admin.filter((i) => i.kind === 'note').map((i) => i.data.body)).toEqual(['nota secreta', 'nota visível']);
    expect(admin.some((i) => i.kind === 'survey-answered' && i.ticketId === hidden!.id)).toBe(true);
    expect(admin.some((i) => i.kind === 'ticket-closed' && i.ticketId === hidden!.id)).toBe(true);
    const paged = await all(app.companyA.adminToken, 2);
    expect(paged.map((i) => i.key)).toEqual(admin.map((i) => i.key));

    const mine = await all(agent.token, 3);
    expect(mine.some((i) => i.ticketId === hidden!.id)).toBe(false);
    expect(mine.filter((i) => i.kind === 'note').map((i) => i.data.body)).toEqual(['nota visível']);
    expect(mine.some((i) => i.kind === 'ticket-opened' && i.ticketId === visible!.id)).toBe(true);

    const foreign = await app.inject({ method: 'GET', url: `/api/contacts/${contactId}/timeline`, token: app.companyB.adminToken });
    expect(foreign.statusCode).toBe(404);
    const badCursor = await app.inject({ method: 'GET', url: `/api/contacts/${contactId}/timeline?cursor=x'--`, token: agent.token });
    expect(badCursor.statusCode).toBe(400);
  });
});

describe('live contact changes', () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((socket) => socket.disconnect()));

  it("an edit, a tag and a block reach the company's other screens, and no other company's", async () => {
    const baseUrl = await app.server.listen();
    const [colleague, stranger] = await Promise.all([
      openSocket(baseUrl, agent.token, sockets),
      openSocket(baseUrl, app.companyB.adminToken, sockets),
    ]);
    const heard: number[] = [];
    colleague.on('contact.changed', ({ contactId: id }: { contactId: number }) => heard.push(id));
    const strangerHeard: unknown[] = [];
    stranger.onAny((event: string, payload: unknown) => strangerHeard.push([event, payload]));

    expect((await app.inject({ method: 'GET', url: `/api/contacts/${contactId}`, token: app.companyA.adminToken })).statusCode).toBe(200);
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contactId}`,
      token: app.companyA.adminToken,
      payload: { name: 'Cliente Renomeado' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const [tag] = await sql<{ id: number }>(`insert into tags (company_id, name, color) values ($1, 'Ao vivo', '#2f9e44') returning id`, [
      app.companyA.id,
    ]);
    const tagged = await app.inject({
      method: 'POST',
      url: `/api/contacts/${contactId}/tags`,
      token: app.companyA.adminToken,
      payload: { tagId: tag!.id },
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    const refused = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contactId}`,
      token: app.companyA.adminToken,
      payload: { name: '' },
    });
    expect(refused.statusCode).toBe(400);
    await expect.poll(() => heard, { timeout: 3000 }).toEqual([contactId, contactId]);
    expect(strangerHeard).toEqual([]);
  });
});
