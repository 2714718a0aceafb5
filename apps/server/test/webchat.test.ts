import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { messagesOf, ticketsOf } from './conversations.harness.js';
import { startTestApp, type TestApp } from './harness.js';
import { createQueue, setMenu } from './pipeline.harness.js';

let app: TestApp;
let baseUrl: string;
let widgetKey: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  baseUrl = await app.server.listen();
  const created = await app.inject({
    method: 'POST',
    url: '/api/connections',
    token: app.companyA.adminToken,
    payload: { type: 'webchat', name: 'Site' },
  });
  expect(created.statusCode).toBe(201);
  widgetKey = created.json().widgetKey;
  expect(widgetKey).toMatch(/^wc_/);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

async function visitor(auth: Record<string, string>): Promise<Socket> {
  const socket = connect(`${baseUrl}/webchat`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('visitor:state', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('web-chat widget channel', () => {
  it('serves the widget script and a demo page', async () => {
    const script = await app.inject({ method: 'GET', url: '/widget.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body.length).toBeGreaterThan(10_000);
    const demo = await app.inject({ method: 'GET', url: `/widget-demo?key=${widgetKey}` });
    expect(demo.body).toContain(`data-key="${widgetKey}"`);
  });

  it('refuses an unknown widget key', async () => {
    await expect(visitor({ key: 'wc_nope' })).rejects.toThrow('UNKNOWN_WIDGET');
  });

  it('turns a visitor into a contact and a ticket, both ways, in real time', async () => {
    const first = await visitor({ key: widgetKey });
    const started = await first.timeout(3000).emitWithAck('visitor:start', { name: 'Visitante <b>Zé</b>', phone: '' });
    expect(started.visitorToken).toEqual(expect.any(String));
    first.disconnect();

    const socket = await visitor({ key: widgetKey, visitorToken: started.visitorToken });
    const clientId = randomUUID();
    expect(await socket.timeout(3000).emitWithAck('visitor:message', { clientId, text: 'Oi, vocês entregam?' })).toEqual({ ok: true });
    // the same message resent (flaky network) is stored once
    await socket.timeout(3000).emitWithAck('visitor:message', { clientId, text: 'Oi, vocês entregam?' });

    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Visitante <b>Zé</b>')!;
    expect(ticket).toMatchObject({ status: 'pending', lastMessage: { body: 'Oi, vocês entregam?' } });
    expect(await messagesOf(app, app.companyA.adminToken, ticket.id)).toHaveLength(1);

    const received = new Promise<{ body: string; agentName: string | null }>((resolve) =>
      socket.once('agent:message', (line: { body: string; agentName: string | null }, ack: () => void) => {
        ack();
        resolve(line);
      }),
    );
    const reply = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      token: app.companyA.adminToken,
      payload: { body: 'Entregamos sim!' },
    });
    expect(reply.statusCode).toBe(201);
    expect(await received).toMatchObject({ body: 'Entregamos sim!', agentName: expect.stringContaining('Admin') });
    await expect
      .poll(async () => (await messagesOf(app, app.companyA.adminToken, ticket.id)).find((m) => m.body === 'Entregamos sim!')?.status, {
        timeout: 5000,
      })
      .toBe('delivered');
    socket.emit('visitor:read');
    await expect
      .poll(async () => (await messagesOf(app, app.companyA.adminToken, ticket.id)).find((m) => m.body === 'Entregamos sim!')?.status, {
        timeout: 5000,
      })
      .toBe('read');

    const history = await socket.timeout(3000).emitWithAck('visitor:history');
    expect(history.items.map((m: { body: string; agentName: string | null }) => [m.body, m.agentName])).toEqual([
      ['Oi, vocês entregam?', null],
      ['Entregamos sim!', expect.stringContaining('Admin')],
    ]);
    expect(history.conversation).toEqual({ closed: false });

    // Closing tells the visitor at once, and a widget that comes back later learns it from the history.
    const closedEvent = new Promise<{ ticketId: number }>((resolve) => socket.once('conversation:closed', resolve));
    const closed = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/close`,
      token: app.companyA.adminToken,
      payload: {},
    });
    expect(closed.statusCode).toBe(200);
    expect(await closedEvent).toEqual({ ticketId: ticket.id });
    expect((await socket.timeout(3000).emitWithAck('visitor:history')).conversation).toEqual({ closed: true });
  });

  it('hands the visitor a signed link to a file we send, and nothing without the signature', async () => {
    const first = await visitor({ key: widgetKey });
    const { visitorToken } = await first.timeout(3000).emitWithAck('visitor:start', { name: 'Visitante Arquivo', phone: '' });
    first.disconnect();
    const socket = await visitor({ key: widgetKey, visitorToken });
    await socket.timeout(3000).emitWithAck('visitor:message', { clientId: randomUUID(), text: 'Tem cardápio?' });
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Visitante Arquivo')!;

    const received = new Promise<{ type: string; fileName: string; mediaUrl: string }>((resolve) =>
      socket.once('agent:message', (line: { type: string; fileName: string; mediaUrl: string }, ack: () => void) => {
        ack();
        resolve(line);
      }),
    );
    const boundary = '----jimmywc';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const sent = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      token: app.companyA.adminToken,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cardapio.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const line = await received;
    expect(line).toMatchObject({
      type: 'image',
      fileName: 'cardapio.png',
      mediaUrl: expect.stringMatching(/^\/webchat\/media\/\d+\?sig=/),
    });

    const file = await app.inject({ method: 'GET', url: line.mediaUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(file.rawPayload.equals(png)).toBe(true);
    // The history carries the same link, for a widget that comes back later.
    const history = await socket.timeout(3000).emitWithAck('visitor:history');
    expect(history.items.at(-1)).toMatchObject({ fileName: 'cardapio.png', mediaUrl: line.mediaUrl });

    const [path, signature] = line.mediaUrl.split('?sig=') as [string, string];
    const forged = await app.inject({ method: 'GET', url: `${path}?sig=${signature.slice(0, -2)}xx` });
    expect(forged.statusCode).toBe(404);
    const otherMessage = await app.inject({ method: 'GET', url: `/webchat/media/${Number(path.split('/').at(-1)) + 1}?sig=${signature}` });
    expect(otherMessage.statusCode).toBe(404);
    const unsigned = await app.inject({ method: 'GET', url: path });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().error.fields).toHaveProperty('sig');
  });

  it('shows a queue menu as buttons and routes the tapped one; the history keeps the buttons', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: app.companyA.adminToken,
      payload: { type: 'webchat', name: 'Site com menu' },
    });
    const { id: connectionId, widgetKey: key } = created.json<{ id: number; widgetKey: string }>();
    const sales = await createQueue(app, app.companyA, 'Vendas (site)');
    const support = await createQueue(app, app.companyA, 'Suporte (site)');
    await setMenu(app, app.companyA.id, connectionId, [sales.id, support.id]);

    const first = await visitor({ key });
    const started = await first.timeout(3000).emitWithAck('visitor:start', { name: 'Visitante Menu', phone: '' });
    first.disconnect();
    const socket = await visitor({ key, visitorToken: started.visitorToken });
    const menu = new Promise<{ body: string; options: { id: string; title: string }[] }>((resolve) =>
      socket.once('agent:message', (line: { body: string; options: { id: string; title: string }[] }, ack: () => void) => {
        ack();
        resolve(line);
      }),
    );
    await socket.timeout(3000).emitWithAck('visitor:message', { clientId: randomUUID(), text: 'oi' });
    const line = await menu;
    expect(line.options).toEqual([
      { id: String(sales.id), title: 'Vendas (site)' },
      { id: String(support.id), title: 'Suporte (site)' },
    ]);
    const tapped = await socket
      .timeout(3000)
      .emitWithAck('visitor:message', { clientId: randomUUID(), text: 'Suporte (site)', choiceId: String(support.id) });
    expect(tapped).toEqual({ ok: true });
    await expect
      .poll(async () => (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Visitante Menu'), { timeout: 8000 })
      .toMatchObject({ status: 'pending', queueId: support.id });
    const history = await socket.timeout(3000).emitWithAck('visitor:history');
    const menuLine = (history.items as { direction: string; options: { id: string }[] }[]).find((item) => item.options.length > 0);
    expect(menuLine?.options.map((option) => option.id)).toEqual([String(sales.id), String(support.id)]);
  });

  it('answers bad visitor input with a validation error, not a crash', async () => {
    const socket = await visitor({ key: widgetKey });
    const answer = await socket.timeout(3000).emitWithAck('visitor:start', { name: '' });
    expect(answer.error.code).toBe('VALIDATION_FAILED');
    expect(await socket.timeout(3000).emitWithAck('visitor:message', { clientId: 'x', text: 'hi' })).toMatchObject({
      error: { code: 'NOT_STARTED' },
    });
  });
});
