import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { FakeWhatsAppWeb } from '@jimmy/channels/testing';
import { messagesOf, startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { openSocket } from './harness.js';
import { createQrConnection, customerMessage, socketOf, waitForStatus } from './whatsapp-web.harness.js';

/** Private notes, @mentions and notifications, against the real server, database and channel fakes. */
const fake = new FakeWhatsAppWeb({ qrIntervalMs: 0 });
let app: ConversationApp;
let baseUrl: string;
const sockets: Socket[] = [];
type User = Awaited<ReturnType<ConversationApp['createUser']>>;
let author: User;
let bruna: User;
let carlos: User;
let duda: User;

beforeAll(async () => {
  app = await startConversationApp({ WHATSAPP_WEB_SEND_SPACING_MS: '0' }, { whatsappWeb: { socketFactory: fake.factory } });
  baseUrl = await app.server.listen();
  author = await app.createUser(app.companyA, 'agent', 'Alice Autora');
  bruna = await app.createUser(app.companyA, 'agent', 'Bruna Lima');
  carlos = await app.createUser(app.companyA, 'agent', 'Carlos Souza');
  duda = await app.createUser(app.companyA, 'agent', 'Duda Melo');
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const admin = () => app.companyA.adminToken;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
  app.inject({ method, url, token, ...(payload && { payload }) });

/** A Cloud ticket that `owner` accepted: open and theirs, so no other agent sees it. */
async function cloudTicket(phone: string, ownerToken: string): Promise<number> {
  expect((await app.postWebhook(textWebhook(phone, 'olá').body)).statusCode).toBe(200);
  const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === `+${phone}`)!;
  expect((await call('POST', `/api/tickets/${ticket.id}/accept`, ownerToken)).statusCode).toBe(200);
  return ticket.id;
}

/** A note, then a real reply that must arrive: once the reply is there, the note had every chance to leak. */
async function noteThenReply(ticketId: number, delivered: () => boolean | Promise<boolean>) {
  const note = await call('POST', `/api/tickets/${ticketId}/notes`, admin(), { body: 'NOTA SECRETA: cliente difícil' });
  expect(note.statusCode, note.body).toBe(201);
  expect(note.json()).toMatchObject({ type: 'note', author: 'agent', userId: app.companyA.adminId, externalId: null });
  const reply = await call('POST', `/api/tickets/${ticketId}/messages`, admin(), { body: 'Resposta pública' });
  expect(reply.statusCode, reply.body).toBe(201);
  await expect.poll(delivered, { timeout: 10_000 }).toBe(true);
  const messages = await messagesOf(app, admin(), ticketId);
  expect(messages.find((m) => m.id === note.json().id)).toMatchObject({
    type: 'note',
    externalId: null,
    body: 'NOTA SECRETA: cliente difícil',
  });
  const { rows } = await app.server.database.pool.query(`select count(*)::int as n from pgboss.job where data->>'messageId' = $1`, [
    String(note.json().id),
  ]);
  expect(rows[0].n).toBe(0);
}

describe('notes never reach a channel', () => {
  it('WhatsApp Cloud: the Graph API gets the reply and never the note; the preview and the window stay', async () => {
    const ticketId = await cloudTicket('5511940000001', admin());
    const before = (await call('GET', `/api/tickets/${ticketId}`, admin())).json();
    const note = await call('POST', `/api/tickets/${ticketId}/notes`, admin(), { body: 'só para a equipe' });
    const after = (await call('GET', `/api/tickets/${ticketId}`, admin())).json();
    expect(note.statusCode).toBe(201);
    // A note is not conversation activity: the list's last line, order and the 24-hour window do not move.
    expect(after).toMatchObject({ lastMessage: before.lastMessage, windowExpiresAt: before.windowExpiresAt, unreadCount: 0 });
    await noteThenReply(ticketId, () => app.graph.sentMessages().some((m) => JSON.stringify(m.body).includes('Resposta pública')));
    const sent = JSON.stringify(app.graph.sentMessages());
    expect(sent).not.toContain('NOTA SECRETA');
    expect(sent).not.toContain('só para a equipe');
  });

  it('WhatsApp by QR: the phone socket sends the reply and never the note', async () => {
    const created = await createQrConnection(app, admin());
    await waitForStatus(app, admin(), created.id, 'qr');
    const phone = await socketOf(fake, created.id);
    phone.scan('5511900002222', 'Loja QR');
    await waitForStatus(app, admin(), created.id, 'open');
    await (
      await socketOf(fake, created.id)
    ).receive([customerMessage('5511977770000', { conversation: 'oi pelo QR' }, { name: 'Quésia' })]);
    await expect
      .poll(async () => (await ticketsOf(app, app.companyA)).some((t) => t.contact.name === 'Quésia'), { timeout: 8000 })
      .toBe(true);
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Quésia')!;
    await noteThenReply(ticket.id, () => fake.sent.some((s) => 'text' in s.content && s.content.text === 'Resposta pública'));
    expect(JSON.stringify(fake.sent.map((s) => s.content))).not.toContain('NOTA SECRETA');
  });

  it('web chat: the visitor hears the reply, never the note, live or in the history', async () => {
    const created = await call('POST', '/api/connections', admin(), { type: 'webchat', name: 'Site' });
    const key = created.json().widgetKey as string;
    const open = (auth: Record<string, string>) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect(`${baseUrl}/webchat`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(socket);
        socket.once('visitor:state', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const first = await open({ key });
    const { visitorToken } = await first.timeout(3000).emitWithAck('visitor:start', { name: 'Visitante Nota', phone: '' });
    first.disconnect();
    const visitor = await open({ key, visitorToken });
    const heard: string[] = [];
    visitor.onAny((event: string, ...args: unknown[]) => {
      heard.push(`${event} ${JSON.stringify(args.filter((a) => typeof a !== 'function'))}`);
      const ack = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      ack?.();
    });
    await visitor.timeout(3000).emitWithAck('visitor:message', { clientId: randomUUID(), text: 'Oi, site' });
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Visitante Nota')!;
    await noteThenReply(ticket.id, () => heard.some((line) => line.includes('Resposta pública')));
    expect(heard.join('\n')).not.toContain('NOTA SECRETA');
    const history = await visitor.timeout(3000).emitWithAck('visitor:history');
    expect(JSON.stringify(history)).toContain('Resposta pública');
    expect(JSON.stringify(history)).not.toContain('NOTA SECRETA');
  });
});

describe('editing and deleting', () => {
  it('only the author edits; the author or an admin deletes, an admin with an audit entry', async () => {
    const ticketId = await cloudTicket('5511940000002', admin());
    // The ticket is handed to the author so that both the author and a colleague (admin) work it.
    expect((await call('POST', `/api/tickets/${ticketId}/transfer`, admin(), { userId: author.id })).statusCode).toBe(200);
    const created = await call('POST', `/api/tickets/${ticketId}/notes`, author.token, { body: 'primeira versão' });
    expect(created.statusCode).toBe(201);
    const noteId = created.json().id as number;

    expect((await call('POST', `/api/tickets/${ticketId}/notes`, author.token, { body: '   ' })).json().error.fields).toHaveProperty(
      'body',
    );
    expect((await call('POST', `/api/tickets/${ticketId}/notes`, author.token, { body: 42 })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/tickets/${ticketId}/notes/${noteId}`, admin(), { body: 'do admin' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/tickets/${ticketId}/notes/${noteId}`, bruna.token, { body: 'da Bruna' })).statusCode).toBe(404);
    const edited = await call('PATCH', `/api/tickets/${ticketId}/notes/${noteId}`, author.token, { body: 'segunda versão' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'segunda versão', editedAt: expect.any(String) });
    // A customer's message is not a note: it cannot be edited or deleted through these routes.
    const customerLine = (await messagesOf(app, admin(), ticketId)).find((m) => m.direction === 'in')!;
    expect((await call('PATCH', `/api/tickets/${ticketId}/notes/${customerLine.id}`, author.token, { body: 'x' })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/tickets/${ticketId}/notes/${customerLine.id}`, admin())).statusCode).toBe(404);

    // another agent (who cannot see the ticket) and a supervisor who can may not delete it
    const supervisor = await app.createUser(app.companyA, 'supervisor');
    expect((await call('DELETE', `/api/tickets/${ticketId}/notes/${noteId}`, supervisor.token)).statusCode).toBe(403);

    const adminSocket = await openSocket(baseUrl, admin(), sockets);
    const deletedEvent = new Promise<unknown>((resolve) => adminSocket.once('message.deleted', resolve));
    expect((await call('DELETE', `/api/tickets/${ticketId}/notes/${noteId}`, admin())).statusCode).toBe(204);
    expect(await deletedEvent).toEqual({ ticketId, messageId: noteId });
    expect((await messagesOf(app, admin(), ticketId)).some((m) => m.id === noteId)).toBe(false);
    const { rows } = await app.server.database.pool.query(
      `select actor_user_id, action, target_type, target_id, data from audit_log where company_id = $1 and action = 'note.deleted'`,
      [app.companyA.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'note.deleted',
      target_type: 'message',
      data: { length: 'segunda versão'.length, authorUserId: author.id },
    });
    expect(Number(rows[0].actor_user_id)).toBe(app.companyA.adminId);
    expect(Number(rows[0].target_id)).toBe(noteId);
    expect(JSON.stringify(rows[0].data)).not.toContain('segunda');

    // the author deletes their own: no audit entry
    const own = await call('POST', `/api/tickets/${ticketId}/notes`, author.token, { body: 'minha' });
    expect((await call('DELETE', `/api/tickets/${ticketId}/notes/${own.json().id}`, author.token)).statusCode).toBe(204);
    const audits = await app.server.database.pool.query(`select count(*)::int as n from audit_log where action = 'note.deleted'`);
    expect(audits.rows[0].n).toBe(1);
  });
});

describe('mentions', () => {
  it('notify the mentioned user on their own socket only, and nobody else', async () => {
    const ticketId = await cloudTicket('5511940000003', admin());
    const [brunaSocket, carlosSocket, dudaSocket, adminSocket] = await Promise.all([
      openSocket(baseUrl, bruna.token, sockets),
      openSocket(baseUrl, carlos.token, sockets),
      openSocket(baseUrl, duda.token, sockets),
      openSocket(baseUrl, admin(), sockets),
    ]);
    const got = new Map<Socket, unknown[]>([brunaSocket, carlosSocket, dudaSocket, adminSocket].map((s) => [s, []]));
    for (const [socket, list] of got) socket.on('notification.created', (payload: unknown) => list.push(payload));
    const noteSeen = new Promise<{ message: { type: string } }>((resolve) => adminSocket.once('message.created', resolve));

    const note = await call('POST', `/api/tickets/${ticketId}/notes`, admin(), { body: '@Bruna Lima pode olhar? (não é pro @Carlos)' });
    expect(note.statusCode).toBe(201);
    expect(note.json().payload).toEqual({ mentions: [bruna.id] });
    expect((await noteSeen).message.type).toBe('note');
    await expect.poll(() => got.get(brunaSocket)!.length).toBe(1);
    expect(got.get(brunaSocket)![0]).toMatchObject({
      notification: { kind: 'mention', ticketId, messageId: note.json().id, actor: { id: app.companyA.adminId }, readAt: null },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const socket of [carlosSocket, dudaSocket, adminSocket]) expect(got.get(socket)).toEqual([]);

    // the list, the unread count and marking read are the user's own
    const list = await call('GET', '/api/notifications', bruna.token);
    expect(list.json()).toMatchObject({ unreadCount: 1, items: [{ ticketId, excerpt: expect.stringContaining('@Bruna Lima') }] });
    const notificationId = list.json().items[0].id as number;
    expect((await call('GET', '/api/notifications', carlos.token)).json()).toMatchObject({ unreadCount: 0, items: [] });
    expect((await call('POST', `/api/notifications/${notificationId}/read`, carlos.token)).statusCode).toBe(404);
    expect((await call('POST', `/api/notifications/${notificationId}/read`, bruna.token)).json().readAt).toEqual(expect.any(String));
    expect((await call('GET', '/api/notifications', bruna.token)).json().unreadCount).toBe(0);

    // editing the note tells only the newly mentioned; the author never notifies themselves
    await call('PATCH', `/api/tickets/${ticketId}/notes/${note.json().id}`, admin(), {
      body: '@Bruna Lima e @Duda Melo, vejam (@' + 'Company A Admin)',
    });
    await expect.poll(() => got.get(dudaSocket)!.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(got.get(brunaSocket)).toHaveLength(1);
    expect(got.get(adminSocket)).toEqual([]);
    expect((await call('POST', '/api/notifications/read-all', duda.token)).json()).toEqual({ updated: 1 });
  });

  it('grant read access to that ticket only: not its actions, not other tickets, not the lists', async () => {
    const ticketId = await cloudTicket('5511940000004', admin());
    const otherId = await cloudTicket('5511940000005', admin());
    expect((await call('GET', `/api/tickets/${ticketId}`, carlos.token)).statusCode).toBe(404);
    expect((await call('GET', `/api/tickets/${ticketId}/messages`, carlos.token)).statusCode).toBe(404);

    await call('POST', `/api/tickets/${ticketId}/notes`, admin(), { body: '@Carlos Souza dá uma olhada' });
    expect((await call('GET', `/api/tickets/${ticketId}`, carlos.token)).statusCode).toBe(200);
    const messages = await call('GET', `/api/tickets/${ticketId}/messages`, carlos.token);
    expect(messages.statusCode).toBe(200);
    expect(messages.json().items.map((m: { type: string }) => m.type)).toEqual(['note', 'text']);
    // reading is all: no reply, no accept, no transfer, no close, no note
    expect((await call('POST', `/api/tickets/${ticketId}/messages`, carlos.token, { body: 'oi' })).statusCode).toBe(404);
    expect((await call('POST', `/api/tickets/${ticketId}/close`, carlos.token, {})).statusCode).toBe(404);
    expect((await call('POST', `/api/tickets/${ticketId}/notes`, carlos.token, { body: 'eu' })).statusCode).toBe(404);
    // the ticket lists are unchanged, and the other ticket stays hidden
    const listed = (await call('GET', '/api/tickets', carlos.token)).json().items.map((t: { id: number }) => t.id);
    expect(listed).not.toContain(ticketId);
    expect((await call('GET', `/api/tickets/${otherId}`, carlos.token)).statusCode).toBe(404);
    // deleting the note takes the access back
    const noteId = messages.json().items[0].id as number;
    expect((await call('DELETE', `/api/tickets/${ticketId}/notes/${noteId}`, admin())).statusCode).toBe(204);
    expect((await call('GET', `/api/tickets/${ticketId}`, carlos.token)).statusCode).toBe(404);
  });

  it('a transfer note is a real note and may mention the receiver', async () => {
    const ticketId = await cloudTicket('5511940000006', admin());
    const dudaSocket = await openSocket(baseUrl, duda.token, sockets);
    const notified = new Promise<{ notification: { ticketId: number } }>((resolve) => dudaSocket.once('notification.created', resolve));
    const moved = await call('POST', `/api/tickets/${ticketId}/transfer`, admin(), { userId: duda.id, note: '@Duda Melo cliente VIP' });
    expect(moved.statusCode).toBe(200);
    expect((await notified).notification.ticketId).toBe(ticketId);
    const lines = await messagesOf(app, duda.token, ticketId);
    expect(lines.filter((m) => m.type === 'note')).toMatchObject([{ body: '@Duda Melo cliente VIP', payload: { mentions: [duda.id] } }]);
    expect(lines.find((m) => m.type === 'system')).toMatchObject({ body: '', payload: { event: 'transferred', userId: duda.id } });
    expect((await call('GET', `/api/tickets/${ticketId}/events`, duda.token)).json().items.map((e: { kind: string }) => e.kind)).toContain(
      'transferred',
    );
  });

  it('lists mentionable users (active ones of the caller company only)', async () => {
    const users = (await call('GET', '/api/mentions/users', bruna.token)).json().items as { id: number; name: string }[];
    expect(users.map((u) => u.name)).toEqual(expect.arrayContaining(['Alice Autora', 'Bruna Lima', 'Carlos Souza']));
    expect(users.some((u) => u.name === 'Company B Admin')).toBe(false);
  });
});

describe('service history', () => {
  it("shows a contact's notes with its tickets", async () => {
    const ticketId = await cloudTicket('5511940000007', admin());
    await call('POST', `/api/tickets/${ticketId}/notes`, admin(), { body: 'nota no histórico' });
    const contactId = (await call('GET', `/api/tickets/${ticketId}`, admin())).json().contact.id as number;
    const history = await call('GET', `/api/contacts/${contactId}/history`, admin());
    expect(history.json()).toMatchObject({ items: [{ id: ticketId }], notes: [{ ticketId, body: 'nota no histórico' }] });
    // an agent who sees none of the tickets sees none of the notes
    expect((await call('GET', `/api/contacts/${contactId}/history`, bruna.token)).json()).toMatchObject({ items: [], notes: [] });
  });
});
