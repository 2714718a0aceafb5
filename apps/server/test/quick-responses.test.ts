import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';

let app: ConversationApp;
// 13:30 UTC: 10:30 in São Paulo, the companies' default zone.
let clock = new Date('2026-03-10T13:30:00Z');
beforeAll(async () => {
  app = await startConversationApp({}, { now: () => clock });
});
afterAll(async () => app?.close());

let phoneCounter = 0;
async function conversation(name = 'Maria Souza'): Promise<{ ticketId: number; phone: string }> {
  const phone = `55119${String(30_000_000 + phoneCounter++).padStart(8, '0')}`;
  expect((await app.postWebhook(textWebhook(phone, 'oi', { name }).body)).statusCode).toBe(200);
  const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === `+${phone}`)!;
  return { ticketId: ticket.id, phone };
}

async function createResponse(token: string, payload: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/api/quick-responses', token, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number; attachments: Array<{ id: number; kind: string }> }>();
}

function upload(id: number, file: { name: string; mime: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const boundary = '----jimmy-quick';
  const head = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  return app.inject({
    method: 'POST',
    url: `/api/quick-responses/${id}/attachments`,
    token: app.companyA.adminToken,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.mime}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4 tabela de precos');
const sentTo = (phone: string) => app.graph.sentMessages().filter((m) => m.to === phone);
const uploads = () => app.graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/media'));
const send = (ticketId: number, quickResponseId: number, body: string, token = app.companyA.adminToken) =>
  app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/quick-responses/${quickResponseId}/send`, token, payload: { body } });

describe('quick responses', () => {
  it('renders every variable for the ticket: greeting by the company clock, queue, agent, custom fields', async () => {
    const queue = await app.inject({ method: 'POST', url: '/api/queues', token: app.companyA.adminToken, payload: { name: 'Financeiro' } });
    const { ticketId } = await conversation('Maria Souza');
    const ticket = (await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken })).json();
    await app.server.database.pool.query(`update contacts set custom_fields = '{"plano": "Ouro"}' where id = $1`, [ticket.contact.id]);
    await app.server.database.pool.query('update tickets set queue_id = $1 where id = $2', [queue.json().id, ticketId]);
    const response = await createResponse(app.companyA.adminToken, {
      shortcut: 'boasvindas',
      body: '{{saudacao}} {{nome}}, aqui é {{agente}} ({{fila}}), protocolo {{protocolo}}, plano {{plano}} {{cupom}}',
      scope: 'company',
    });
    const preview = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/tickets/${ticketId}/quick-responses/${response.id}/preview`,
          token: app.companyA.adminToken,
        })
      ).json();
    expect(await preview()).toEqual({
      body: `Bom dia Maria, aqui é Company A Admin (Financeiro), protocolo ${ticketId}, plano Ouro {{cupom}}`,
      unknown: ['{{cupom}}'],
    });
    clock = new Date('2026-03-10T16:00:00Z'); // 13:00 in São Paulo
    expect((await preview()).body).toMatch(/^Boa tarde /);
    await app.server.database.pool.query(`update companies set timezone = 'Asia/Tokyo' where id = $1`, [app.companyA.id]);
    expect((await preview()).body).toMatch(/^Boa noite /); // 01:00 in Tokyo
    await app.server.database.pool.query(`update companies set timezone = 'America/Sao_Paulo' where id = $1`, [app.companyA.id]);

    // an unknown variable is never sent raw
    const refused = await send(ticketId, response.id, 'Oi {{nome}}, seu cupom é {{cupom}}');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'UNKNOWN_VARIABLE', fields: { body: expect.stringContaining('{{cupom}}') } });
    const { rows } = await app.server.database.pool.query(
      `select count(*)::int as n from messages where ticket_id = $1 and direction = 'out'`,
      [ticketId],
    );
    expect(rows[0].n).toBe(0);
  });

  it("scopes: an agent never sees another agent's personal responses nor another queue's", async () => {
    const ana = await app.createUser(app.companyA, 'agent', 'Ana');
    const bruno = await app.createUser(app.companyA, 'agent', 'Bruno');
    const supervisor = await app.createUser(app.companyA, 'supervisor', 'Sara');
    const vendas = (
      await app.inject({
        method: 'POST',
        url: '/api/queues',
        token: app.companyA.adminToken,
        payload: { name: 'Vendas', userIds: [ana.id] },
      })
    ).json();
    const suporte = (
      await app.inject({
        method: 'POST',
        url: '/api/queues',
        token: app.companyA.adminToken,
        payload: { name: 'Suporte', userIds: [bruno.id] },
      })
    ).json();
    const everyone = await createResponse(supervisor.token, { shortcut: 'horario', body: 'Atendemos das 8h às 18h', scope: 'company' });
    const sales = await createResponse(app.companyA.adminToken, {
      shortcut: 'preco',
      body: 'Tabela de preços',
      scope: 'queue',
      queueId: vendas.id,
    });
    const support = await createResponse(app.companyA.adminToken, {
      shortcut: 'reset',
      body: 'Reinicie',
      scope: 'queue',
      queueId: suporte.id,
    });
    const anaOwn = await createResponse(ana.token, { shortcut: 'minha', body: 'Só minha', scope: 'personal' });
    const brunoOwn = await createResponse(bruno.token, { shortcut: 'dele', body: 'Só do Bruno', scope: 'personal' });

    const ids = async (token: string, q = '') =>
      (await app.inject({ method: 'GET', url: `/api/quick-responses${q}`, token })).json().items.map((r: { id: number }) => r.id);
    const anaSees = await ids(ana.token);
    expect(anaSees).toEqual(expect.arrayContaining([everyone.id, sales.id, anaOwn.id]));
    expect(anaSees).not.toContain(support.id);
    expect(anaSees).not.toContain(brunoOwn.id);
    const brunoSees = await ids(bruno.token);
    expect(brunoSees).toEqual(expect.arrayContaining([everyone.id, support.id, brunoOwn.id]));
    expect(brunoSees).not.toContain(sales.id);
    expect(brunoSees).not.toContain(anaOwn.id);
    // managers see every queue's, but still nobody's personal ones
    const adminSees = await ids(app.companyA.adminToken);
    expect(adminSees).toEqual(expect.arrayContaining([everyone.id, sales.id, support.id]));
    expect(adminSees).not.toContain(anaOwn.id);

    // another agent's personal response is a 404, not a 403
    expect((await app.inject({ method: 'GET', url: `/api/quick-responses/${anaOwn.id}`, token: bruno.token })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/quick-responses/${anaOwn.id}`, token: bruno.token })).statusCode).toBe(404);
    // agents keep only personal ones
    const denied = await app.inject({
      method: 'POST',
      url: '/api/quick-responses',
      token: ana.token,
      payload: { shortcut: 'x', scope: 'company' },
    });
    expect(denied.statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'PUT', url: `/api/quick-responses/${sales.id}`, token: ana.token, payload: { body: 'y' } })).statusCode,
    ).toBe(403);
    // a queue response names its queue
    const noQueue = await app.inject({
      method: 'POST',
      url: '/api/quick-responses',
      token: app.companyA.adminToken,
      payload: { shortcut: 'q', scope: 'queue' },
    });
    expect(noQueue.statusCode).toBe(400);
    expect(noQueue.json().error.fields).toHaveProperty('queueId');
    const badShortcut = await app.inject({
      method: 'POST',
      url: '/api/quick-responses',
      token: ana.token,
      payload: { shortcut: 'two words', scope: 'personal' },
    });
    expect(badShortcut.statusCode).toBe(400);
    expect(badShortcut.json().error.fields).toHaveProperty('shortcut');

    // search is accent-insensitive over shortcut and text
    expect(await ids(ana.token, '?q=PRECOS')).toEqual([sales.id]);
    expect(await ids(ana.token, '?q=horário')).toEqual([everyone.id]);
  });

  it('sends the text, then image, document and contact card in order; the second send reuses the uploaded media', async () => {
    const response = await createResponse(app.companyA.adminToken, {
      shortcut: 'catalogo',
      body: 'Olá {{nome}}! Segue o catálogo:',
      scope: 'company',
    });
    expect((await upload(response.id, { name: 'foto.png', mime: 'image/png', bytes: PNG })).statusCode).toBe(201);
    expect((await upload(response.id, { name: 'precos.pdf', mime: 'application/pdf', bytes: PDF })).statusCode).toBe(201);
    const withCard = await app.inject({
      method: 'POST',
      url: `/api/quick-responses/${response.id}/attachments`,
      token: app.companyA.adminToken,
      payload: { kind: 'contact', name: 'Suporte Técnico', phone: '+55 (11) 98888-7777' },
    });
    expect(withCard.statusCode, withCard.body).toBe(201);
    expect(withCard.json().attachments.map((a: { kind: string }) => a.kind)).toEqual(['image', 'document', 'contact']);

    const { ticketId, phone } = await conversation('João Pedro');
    const before = uploads().length;
    const sent = await send(ticketId, response.id, 'Olá {{nome}}! Segue o catálogo:');
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().items.map((m: { type: string }) => m.type)).toEqual(['text', 'image', 'document', 'contacts']);
    await expect.poll(() => sentTo(phone).length, { timeout: 15_000 }).toBe(4);
    const bodies = sentTo(phone).map((m) => m.body);
    expect(bodies.map((b) => b.type)).toEqual(['text', 'image', 'document', 'contacts']);
    expect(bodies[0]!.text).toMatchObject({ body: 'Olá João! Segue o catálogo:' });
    expect(bodies[2]!.document).toMatchObject({ filename: 'precos.pdf' });
    expect(bodies[3]!.contacts).toEqual([
      {
        name: { formatted_name: 'Suporte Técnico', first_name: 'Suporte', last_name: 'Técnico' },
        phones: [{ phone: '+5511988887777', type: 'CELL', wa_id: '5511988887777' }],
      },
    ]);
    expect(uploads().length - before).toBe(2);
    const ticket = (await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken })).json();
    expect(ticket).toMatchObject({ status: 'open', userId: app.companyA.adminId });

    // another conversation: the same files go by their media ids, no new upload
    const other = await conversation('Carla');
    expect((await send(other.ticketId, response.id, 'Segue:')).statusCode).toBe(201);
    await expect.poll(() => sentTo(other.phone).length, { timeout: 15_000 }).toBe(4);
    expect(uploads().length - before).toBe(2);
    const ids = (p: string) =>
      sentTo(p)
        .slice(1, 3)
        .map((m) => (m.body[m.type] as { id: string }).id);
    expect(ids(other.phone)).toEqual(ids(phone));

    // the agent removed the image from the staged attachments: only the others go
    const third = await conversation('Davi');
    const attachmentIds = withCard
      .json()
      .attachments.slice(1)
      .map((a: { id: number }) => a.id);
    const partial = await app.inject({
      method: 'POST',
      url: `/api/tickets/${third.ticketId}/quick-responses/${response.id}/send`,
      token: app.companyA.adminToken,
      payload: { body: '', attachmentIds },
    });
    expect(partial.json().items.map((m: { type: string }) => m.type)).toEqual(['document', 'contacts']);

    const stored = await messagesOf(app, app.companyA.adminToken, other.ticketId);
    expect(stored.find((m) => m.type === 'contacts')?.payload).toMatchObject({ contacts: [{ name: 'Suporte Técnico' }] });
  });

  it('a missing media file is a clear error and nothing is sent or stored', async () => {
    const response = await createResponse(app.companyA.adminToken, { shortcut: 'sumiu', body: 'Texto', scope: 'company' });
    await upload(response.id, { name: 'foto.png', mime: 'image/png', bytes: PNG });
    const withPdf = await upload(response.id, { name: 'contrato.pdf', mime: 'application/pdf', bytes: PDF });
    const { rows } = await app.server.database.pool.query(
      `select media_path from quick_response_attachments where quick_response_id = $1 and media_name = 'contrato.pdf'`,
      [withPdf.json().id],
    );
    rmSync(path.join(app.database.env.DATA_DIR!, 'media', rows[0].media_path));

    const { ticketId, phone } = await conversation();
    const response422 = await send(ticketId, response.id, 'Texto');
    expect(response422.statusCode).toBe(422);
    expect(response422.json().error).toMatchObject({
      code: 'QUICK_RESPONSE_MEDIA_MISSING',
      message: expect.stringContaining('contrato.pdf'),
    });
    const count = await app.server.database.pool.query(
      `select count(*)::int as n from messages where ticket_id = $1 and direction = 'out'`,
      [ticketId],
    );
    expect(count.rows[0].n).toBe(0);
    const ticket = (await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken })).json();
    expect(ticket.status).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentTo(phone)).toHaveLength(0);
  });

  it('lists every route in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(doc.paths['/api/quick-responses']!)).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/quick-responses/{id}']!)).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(doc.paths['/api/quick-responses/{id}/attachments']).toHaveProperty('post');
    expect(doc.paths['/api/quick-responses/{id}/attachments/order']).toHaveProperty('put');
    expect(doc.paths['/api/quick-responses/{id}/attachments/{attachmentId}']).toHaveProperty('delete');
    expect(doc.paths['/api/tickets/{id}/quick-responses/{quickResponseId}/send']).toHaveProperty('post');
  });

  it('reorders and removes attachments; a bad order names the field', async () => {
    const response = await createResponse(app.companyA.adminToken, { shortcut: 'ordem', body: 'x', scope: 'company' });
    await upload(response.id, { name: 'a.png', mime: 'image/png', bytes: PNG });
    await upload(response.id, { name: 'b.pdf', mime: 'application/pdf', bytes: PDF });
    const audio = await upload(response.id, { name: 'c.ogg', mime: 'audio/ogg', bytes: Buffer.from('OggS') }, { asVoice: 'true' });
    const [a, b, c] = audio.json().attachments as Array<{ id: number; kind: string; asVoice: boolean }>;
    expect(c).toMatchObject({ kind: 'audio', asVoice: true });
    const order = (attachmentIds: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/quick-responses/${response.id}/attachments/order`,
        token: app.companyA.adminToken,
        payload: { attachmentIds },
      });
    const reordered = await order([c!.id, a!.id, b!.id]);
    expect(reordered.json().attachments.map((x: { id: number }) => x.id)).toEqual([c!.id, a!.id, b!.id]);
    const bad = await order([a!.id, a!.id]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('attachmentIds');
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/quick-responses/${response.id}/attachments/${a!.id}`,
      token: app.companyA.adminToken,
    });
    expect(removed.json().attachments.map((x: { id: number; position: number }) => [x.id, x.position])).toEqual([
      [c!.id, 0],
      [b!.id, 1],
    ]);
    const file = await app.inject({
      method: 'GET',
      url: `/api/quick-responses/${response.id}/attachments/${b!.id}/file`,
      token: app.companyA.adminToken,
    });
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('%PDF');
  });
});
