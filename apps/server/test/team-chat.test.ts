import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatConversation, ChatMessage, Notification } from '@jimmy/contracts';
import { startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { openSocket } from './harness.js';

/** Internal chat over HTTP and real sockets: who hears what, read state, chips, mentions, files, search. */
let app: ConversationApp;
let baseUrl: string;
const sockets: Socket[] = [];
type User = Awaited<ReturnType<ConversationApp['createUser']>>;
let ana: User;
let bruno: User;
let carla: User;
let outsider: User; // company B

beforeAll(async () => {
  app = await startConversationApp();
  baseUrl = await app.server.listen();
  ana = await app.createUser(app.companyA, 'agent', 'Ana Lima');
  bruno = await app.createUser(app.companyA, 'agent', 'Bruno Reis');
  carla = await app.createUser(app.companyA, 'agent', 'Carla Dias');
  outsider = await app.createUser(app.companyB, 'agent', 'Otto Fora');
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
  app.inject({ method, url, token, ...(payload && { payload }) });

/** Records every event of the given names a socket hears. */
function recorder(socket: Socket, names: string[]) {
  const heard: { event: string; payload: unknown }[] = [];
  for (const event of names) socket.on(event, (payload: unknown) => heard.push({ event, payload }));
  return heard;
}

const chatEvents = ['chat.message', 'chat.read', 'chat.typing', 'chat.conversation', 'notification.created'];
const messagesOf = (heard: { event: string; payload: unknown }[]) =>
  heard.filter((h) => h.event === 'chat.message').map((h) => (h.payload as { message: ChatMessage }).message);

function multipart(fields: Record<string, string>, file: { name: string; mime: string; bytes: Buffer }) {
  const boundary = '----jimmy-team-chat';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.mime}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe('internal chat', () => {
  it('delivers a 1:1 message to both members only, and finds the same conversation again', async () => {
    const [anaSocket, brunoSocket, carlaSocket, outsiderSocket, adminB] = await Promise.all([
      openSocket(baseUrl, ana.token, sockets),
      openSocket(baseUrl, bruno.token, sockets),
      openSocket(baseUrl, carla.token, sockets),
      openSocket(baseUrl, outsider.token, sockets),
      openSocket(baseUrl, app.companyB.adminToken, sockets),
    ]);
    const heard = [anaSocket, brunoSocket, carlaSocket, outsiderSocket, adminB].map((s) => recorder(s, chatEvents));

    const created = await call('POST', '/api/chat/conversations', ana.token, { kind: 'direct', userId: bruno.id });
    expect(created.statusCode, created.body).toBe(201);
    const again = await call('POST', '/api/chat/conversations', bruno.token, { kind: 'direct', userId: ana.id });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(created.json().id);
    expect(again.json().name).toBe('Ana Lima');
    expect(created.json().name).toBe('Bruno Reis');

    const sent = await call('POST', `/api/chat/conversations/${created.json().id}/messages`, ana.token, { body: 'oi Bruno' });
    expect(sent.statusCode, sent.body).toBe(201);
    await expect.poll(() => messagesOf(heard[1]!).map((m) => m.body)).toEqual(['oi Bruno']);
    await expect.poll(() => messagesOf(heard[0]!).map((m) => m.body)).toEqual(['oi Bruno']);
    // A later message to Carla arriving proves the first one had every chance to leak.
    const toCarla = await call('POST', '/api/chat/conversations', ana.token, { kind: 'direct', userId: carla.id });
    await call('POST', `/api/chat/conversations/${toCarla.json().id}/messages`, ana.token, { body: 'oi Carla' });
    await expect.poll(() => messagesOf(heard[2]!).map((m) => m.body)).toEqual(['oi Carla']);
    expect(messagesOf(heard[3]!)).toEqual([]);
    expect(messagesOf(heard[4]!)).toEqual([]);
    expect(messagesOf(heard[1]!).map((m) => m.body)).toEqual(['oi Bruno']);

    const unread = await call('GET', '/api/chat/unread', bruno.token);
    expect(unread.json()).toEqual({ total: 1 });
  });

  it('delivers group messages to members only and relays typing to the others', async () => {
    const group = await call('POST', '/api/chat/conversations', ana.token, { kind: 'group', name: 'Plantão', memberIds: [bruno.id] });
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json()).toMatchObject({ kind: 'group', name: 'Plantão', canManage: true });
    expect(
      group
        .json()
        .members.map((m: { id: number }) => m.id)
        .sort(),
    ).toEqual([ana.id, bruno.id].sort());
    const id = group.json().id as number;
    const [anaSocket, brunoSocket, carlaSocket] = await Promise.all([
      openSocket(baseUrl, ana.token, sockets),
      openSocket(baseUrl, bruno.token, sockets),
      openSocket(baseUrl, carla.token, sockets),
    ]);
    const [a, b, c] = [anaSocket, brunoSocket, carlaSocket].map((s) => recorder(s, chatEvents));

    brunoSocket.emit('chat.typing', { conversationId: id });
    carlaSocket.emit('chat.typing', { conversationId: id }); // not a member: nobody hears it
    await expect
      .poll(() => a!.filter((h) => h.event === 'chat.typing').map((h) => h.payload))
      .toEqual([{ conversationId: id, userId: bruno.id }]);

    await call('POST', `/api/chat/conversations/${id}/messages`, bruno.token, { body: 'alguém no plantão?' });
    await expect.poll(() => messagesOf(a!).map((m) => m.body)).toEqual(['alguém no plantão?']);
    await expect.poll(() => messagesOf(b!).map((m) => m.body)).toEqual(['alguém no plantão?']);

    // Carla joins: from then on she hears the group, and never heard the earlier message or typing.
    const patched = await call('PATCH', `/api/chat/conversations/${id}`, ana.token, { memberIds: [ana.id, bruno.id, carla.id] });
    expect(patched.statusCode, patched.body).toBe(200);
    await expect.poll(() => c!.filter((h) => h.event === 'chat.conversation').length).toBe(1);
    expect(messagesOf(c!)).toEqual([]);
    expect(b!.filter((h) => h.event === 'chat.typing')).toEqual([]);
    await call('POST', `/api/chat/conversations/${id}/messages`, ana.token, { body: 'agora com a Carla' });
    await expect.poll(() => messagesOf(c!).map((m) => m.body)).toEqual(['agora com a Carla']);

    // Bruno is a plain member: he may not manage the group.
    const denied = await call('PATCH', `/api/chat/conversations/${id}`, bruno.token, { name: 'Meu grupo' });
    expect(denied.statusCode).toBe(403);
    // A company admin (not a member) may.
    const renamed = await call('PATCH', `/api/chat/conversations/${id}`, app.companyA.adminToken, { name: 'Plantão noturno' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('Plantão noturno');
  });

  it('keeps read state per member and tells the others', async () => {
    const group = await call('POST', '/api/chat/conversations', ana.token, {
      kind: 'group',
      name: 'Leitura',
      memberIds: [bruno.id, carla.id],
    });
    const id = group.json().id as number;
    const first = await call('POST', `/api/chat/conversations/${id}/messages`, ana.token, { body: 'um' });
    const second = await call('POST', `/api/chat/conversations/${id}/messages`, ana.token, { body: 'dois' });
    const anaSocket = await openSocket(baseUrl, ana.token, sockets);
    const heard = recorder(anaSocket, ['chat.read']);

    const mine = async (token: string) =>
      (await call('GET', '/api/chat/conversations', token)).json<{ items: ChatConversation[] }>().items.find((c) => c.id === id)!;
    expect((await mine(bruno.token)).unreadCount).toBe(2);
    const read = await call('POST', `/api/chat/conversations/${id}/read`, bruno.token, { messageId: first.json().id });
    expect(read.statusCode, read.body).toBe(204);
    expect((await mine(bruno.token)).unreadCount).toBe(1);
    expect((await mine(carla.token)).unreadCount).toBe(2);
    await expect
      .poll(() => heard.map((h) => h.payload))
      .toEqual([expect.objectContaining({ conversationId: id, userId: bruno.id, messageId: first.json().id })]);

    // Read state never moves back.
    await call('POST', `/api/chat/conversations/${id}/read`, bruno.token, { messageId: second.json().id });
    await call('POST', `/api/chat/conversations/${id}/read`, bruno.token, { messageId: first.json().id });
    const state = await call('GET', `/api/chat/conversations/${id}`, ana.token);
    expect(state.json().reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: bruno.id, messageId: second.json().id }),
        expect.objectContaining({ userId: carla.id, messageId: null }),
        expect.objectContaining({ userId: ana.id, messageId: second.json().id }),
      ]),
    );
    const foreign = await call('POST', `/api/chat/conversations/${id}/read`, bruno.token, { messageId: 99_999_999 });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toHaveProperty('messageId');
  });

  it('shows a #ticket chip only to readers who may see the ticket', async () => {
    expect((await app.postWebhook(textWebhook('5511955501234', 'preciso de ajuda').body)).statusCode).toBe(200);
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === '+5511955501234')!;
    // Ana takes it: open and hers, so another agent (Bruno) may not see it.
    expect((await call('POST', `/api/tickets/${ticket.id}/accept`, ana.token)).statusCode).toBe(200);
    const group = await call('POST', '/api/chat/conversations', app.companyA.adminToken, {
      kind: 'group',
      name: 'Chips',
      memberIds: [ana.id, bruno.id],
    });
    const id = group.json().id as number;
    const [anaSocket, brunoSocket] = await Promise.all([
      openSocket(baseUrl, ana.token, sockets),
      openSocket(baseUrl, bruno.token, sockets),
    ]);
    const [a, b] = [anaSocket, brunoSocket].map((s) => recorder(s, ['chat.message']));

    const sent = await call('POST', `/api/chat/conversations/${id}/messages`, app.companyA.adminToken, {
      body: `vejam o #${ticket.id} e o #987654321`,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().ticketRefs).toEqual([
      { ticketId: ticket.id, visible: true },
      { ticketId: 987654321, visible: false },
    ]);
    await expect
      .poll(() => messagesOf(a!).map((m) => m.ticketRefs))
      .toEqual([
        [
          { ticketId: ticket.id, visible: true },
          { ticketId: 987654321, visible: false },
        ],
      ]);
    await expect
      .poll(() => messagesOf(b!).map((m) => m.ticketRefs))
      .toEqual([
        [
          { ticketId: ticket.id, visible: false },
          { ticketId: 987654321, visible: false },
        ],
      ]);
    const page = async (token: string) =>
      (await call('GET', `/api/chat/conversations/${id}/messages`, token)).json<{ items: ChatMessage[] }>().items[0]!.ticketRefs[0];
    expect(await page(ana.token)).toEqual({ ticketId: ticket.id, visible: true });
    expect(await page(bruno.token)).toEqual({ ticketId: ticket.id, visible: false });
  });

  it('notifies the mentioned member only', async () => {
    const group = await call('POST', '/api/chat/conversations', ana.token, {
      kind: 'group',
      name: 'Menções',
      memberIds: [bruno.id, carla.id],
    });
    const id = group.json().id as number;
    const [brunoSocket, carlaSocket] = await Promise.all([
      openSocket(baseUrl, bruno.token, sockets),
      openSocket(baseUrl, carla.token, sockets),
    ]);
    const [b, c] = [brunoSocket, carlaSocket].map((s) => recorder(s, ['notification.created', 'chat.message']));
    const sent = await call('POST', `/api/chat/conversations/${id}/messages`, ana.token, { body: '@Bruno Reis pode olhar?' });
    expect(sent.json().mentions).toEqual([bruno.id]);
    await expect.poll(() => b!.filter((h) => h.event === 'notification.created').length).toBe(1);
    const notification = (b!.find((h) => h.event === 'notification.created')!.payload as { notification: Notification }).notification;
    expect(notification).toMatchObject({ kind: 'chat-mention', conversationId: id, actor: { id: ana.id, name: 'Ana Lima' } });
    await expect.poll(() => messagesOf(c!).length).toBe(1);
    expect(c!.filter((h) => h.event === 'notification.created')).toEqual([]);
    const list = await call('GET', '/api/notifications', bruno.token);
    expect(list.json().items[0]).toMatchObject({ kind: 'chat-mention', conversationId: id, excerpt: '@Bruno Reis pode olhar?' });
    const carlas = await call('GET', '/api/notifications', carla.token);
    expect(carlas.json().items.filter((n: Notification) => n.kind === 'chat-mention')).toEqual([]);
  });

  it('stores an attachment and serves it to members only', async () => {
    const direct = await call('POST', '/api/chat/conversations', ana.token, { kind: 'direct', userId: bruno.id });
    const id = direct.json().id as number;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = await app.inject({
      method: 'POST',
      url: `/api/chat/conversations/${id}/messages`,
      token: ana.token,
      ...multipart({ body: 'print da tela' }, { name: 'tela.png', mime: 'image/png', bytes: png }),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const message = upload.json<ChatMessage>();
    expect(message).toMatchObject({ body: 'print da tela', attachment: { mimeType: 'image/png', name: 'tela.png', size: png.length } });
    const file = await app.inject({ method: 'GET', url: message.attachment!.url, token: bruno.token });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);
    expect((await app.inject({ method: 'GET', url: message.attachment!.url, token: carla.token })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: message.attachment!.url, token: outsider.token })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: message.attachment!.url })).statusCode).toBe(401);
  });

  it('searches only the conversations the caller is in', async () => {
    const secret = await call('POST', '/api/chat/conversations', ana.token, { kind: 'direct', userId: carla.id });
    await call('POST', `/api/chat/conversations/${secret.json().id}/messages`, ana.token, { body: 'senha do wifi é abacaxi42' });
    const mine = await call('GET', '/api/chat/search?q=abacaxi', carla.token);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ conversationId: secret.json().id, snippet: 'senha do wifi é abacaxi42' }),
    ]);
    expect((await call('GET', '/api/chat/search?q=abacaxi', bruno.token)).json().items).toEqual([]);
    expect((await call('GET', '/api/chat/search?q=abacaxi', outsider.token)).json().items).toEqual([]);
    const percent = await call('GET', '/api/chat/search?q=%25%25', carla.token);
    expect(percent.json().items).toEqual([]);
  });

  it('answers 404 for conversations of other companies or that the caller is not in', async () => {
    const direct = await call('POST', '/api/chat/conversations', ana.token, { kind: 'direct', userId: bruno.id });
    const id = direct.json().id as number;
    for (const token of [carla.token, outsider.token, app.companyB.adminToken]) {
      expect((await call('GET', `/api/chat/conversations/${id}`, token)).statusCode).toBe(404);
      expect((await call('GET', `/api/chat/conversations/${id}/messages`, token)).statusCode).toBe(404);
      const post = await call('POST', `/api/chat/conversations/${id}/messages`, token, { body: 'intruso' });
      expect(post.statusCode).toBe(404);
      expect(post.json().error.code).toBe('CHAT_CONVERSATION_NOT_FOUND');
    }
    const cross = await call('POST', '/api/chat/conversations', ana.token, { kind: 'direct', userId: outsider.id });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error.fields).toHaveProperty('userId');
    const crossGroup = await call('POST', '/api/chat/conversations', ana.token, { kind: 'group', name: 'x', memberIds: [outsider.id] });
    expect(crossGroup.statusCode).toBe(400);
    expect(crossGroup.json().error.fields).toHaveProperty('memberIds');
  });

  it('answers 400 naming the field on bad input', async () => {
    const direct = await call('POST', '/api/chat/conversations', ana.token, { kind: 'direct', userId: bruno.id });
    const id = direct.json().id as number;
    const cases: [string, string, object, string][] = [
      ['POST', '/api/chat/conversations', { kind: 'group', name: '', memberIds: [] }, 'name'],
      ['POST', '/api/chat/conversations', { kind: 'direct' }, 'userId'],
      ['POST', '/api/chat/conversations', { kind: 'direct', userId: ana.id }, 'userId'],
      ['POST', `/api/chat/conversations/${id}/messages`, { body: '   ' }, 'body'],
      ['POST', `/api/chat/conversations/${id}/messages`, { body: 'x'.repeat(4001) }, 'body'],
      ['POST', `/api/chat/conversations/${id}/read`, {}, 'messageId'],
      ['PATCH', `/api/chat/conversations/${id}`, { name: 'x' }, 'kind'],
    ];
    for (const [method, url, payload, field] of cases) {
      const response = await call(method as 'POST', url, ana.token, payload);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${response.body}`).toBe(400);
      expect(Object.keys(response.json().error.fields ?? {}), url).toContain(field);
    }
    const search = await call('GET', '/api/chat/search?q=a', ana.token);
    expect(search.statusCode).toBe(400);
    expect(search.json().error.fields).toHaveProperty('q');
    const badId = await call('GET', '/api/chat/conversations/abc', ana.token);
    expect(badId.statusCode).toBe(400);
  });

  it('reports presence from sockets and the away timer', async () => {
    const carlaSocket = await openSocket(baseUrl, carla.token, sockets);
    const anaSocket = await openSocket(baseUrl, ana.token, sockets);
    const heard = recorder(anaSocket, ['presence.changed']);
    const statusOf = async (userId: number) =>
      (await call('GET', '/api/chat/presence', ana.token))
        .json<{ items: { userId: number; status: string }[] }>()
        .items.find((i) => i.userId === userId)?.status;
    expect(await statusOf(carla.id)).toBe('online');
    expect(await statusOf(outsider.id)).toBeUndefined();
    carlaSocket.emit('presence.away', {});
    await expect.poll(() => statusOf(carla.id)).toBe('away');
    await expect.poll(() => heard.map((h) => h.payload)).toContainEqual({ userId: carla.id, status: 'away' });
    carlaSocket.emit('presence.activity', {});
    await expect.poll(() => statusOf(carla.id)).toBe('online');
    // Carla's other sockets from earlier tests keep her online; close them all.
    for (const socket of sockets) if (socket !== anaSocket && (socket.auth as { token: string }).token === carla.token) socket.disconnect();
    await expect.poll(() => statusOf(carla.id)).toBe('offline');
    await expect.poll(() => heard.map((h) => h.payload)).toContainEqual({ userId: carla.id, status: 'offline' });
  });
});
