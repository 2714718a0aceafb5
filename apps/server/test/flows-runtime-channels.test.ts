import { randomUUID } from 'node:crypto';
import { FakeWhatsAppWeb } from '@jimmy/channels/testing';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { attachFlow, PEDIDO_SCRIPT, serviceFlow, setAiIntegration, startFakeJson, type FakeJsonServer } from './flows-runtime.harness.js';
import { createQueue, eventually } from './pipeline.harness.js';
import { createQrConnection, customerMessage, socketOf, waitForStatus } from './whatsapp-web.harness.js';

/** The flow on the other channels: web-chat (buttons) and WhatsApp by QR (numbered text, fake socket). */
const fake = new FakeWhatsAppWeb({ qrIntervalMs: 0 });
let app: TestApp;
let baseUrl: string;
let api: FakeJsonServer;
let openai: FakeJsonServer;
let support: { id: number };
let sales: { id: number };
const sockets: Socket[] = [];

beforeAll(async () => {
  api = await startFakeJson(() => ({ order: { status: 'enviado' } }));
  openai = await startFakeJson(() => ({ choices: [{ message: { content: 'Resposta da IA: seu pedido já saiu.' } }] }));
  app = await startTestApp(
    { WHATSAPP_WEB_SEND_SPACING_MS: '0', WHATSAPP_WEB_LEASE_MS: '3000' },
    { whatsappWeb: { socketFactory: fake.factory, reconnect: { baseMs: 50, maxMs: 200 } } },
  );
  baseUrl = await app.server.listen();
  support = await createQueue(app, app.companyA, 'Suporte');
  sales = await createQueue(app, app.companyA, 'Vendas');
  await setAiIntegration(app, app.companyA.id, openai.url);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
  await api?.close();
  await openai?.close();
});

const flow = () => serviceFlow({ supportQueueId: support.id, salesQueueId: sales.id, apiUrl: api.url });

/** The ticket of the contact named `name`, its tags and the contact as the API shows them. */
async function outcomeOf(contactName: string) {
  const { rows } = await app.server.database.pool.query<{ id: string }>(
    `select t.id from tickets t join contacts c on c.id = t.contact_id where c.company_id = $1 and c.name = $2 order by t.id desc limit 1`,
    [app.companyA.id, contactName],
  );
  if (!rows[0]) return undefined;
  const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${rows[0].id}`, token: app.companyA.adminToken });
  const body = ticket.json<{ status: string; queueId: number | null; tags: { name: string }[]; contact: { id: number } }>();
  const contact = await app.inject({ method: 'GET', url: `/api/contacts/${body.contact.id}`, token: app.companyA.adminToken });
  return {
    status: body.status,
    queueId: body.queueId,
    tags: body.tags.map((tag) => tag.name),
    contact: contact.json<{ email: string | null }>(),
  };
}

describe('the service flow on web-chat and on WhatsApp by QR', () => {
  it('web-chat: the menu as buttons, the tap by id; same lines, same ending', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: app.companyA.adminToken,
      payload: { type: 'webchat', name: 'Site com fluxo' },
    });
    const { id: connectionId, widgetKey } = created.json<{ id: number; widgetKey: string }>();
    await attachFlow(app, app.companyA, connectionId, flow());

    const socket = connect(`${baseUrl}/webchat`, {
      auth: { key: widgetKey },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    const lines: { body: string; options: { id: string; title: string }[] }[] = [];
    socket.on('agent:message', (line: { body: string; options: { id: string; title: string }[] }, ack?: () => void) => {
      ack?.();
      lines.push(line);
    });
    await new Promise<void>((resolve) => socket.once('visitor:state', () => resolve()));
    await socket.timeout(3000).emitWithAck('visitor:start', { name: 'Visitante Fluxo', phone: '' });
    const say = (text: string, choiceId?: string) =>
      socket.timeout(3000).emitWithAck('visitor:message', { clientId: randomUUID(), text, ...(choiceId && { choiceId }) });
    const upTo = (count: number) => eventually(async () => lines.length >= count, `${count} bot lines`);

    await say('oi');
    await upTo(2);
    await say('Maria Souza');
    await upTo(3);
    await say('maria@example.com');
    await upTo(4);
    expect(lines[3]!.options).toEqual([
      { id: 'pedido', title: 'Meu pedido' },
      { id: 'duvida', title: 'Dúvida' },
    ]);
    await say('Meu pedido', 'pedido');
    await upTo(PEDIDO_SCRIPT.length);
    expect(lines.map((line) => line.body.split('\n')[0])).toEqual(PEDIDO_SCRIPT);
    await expect
      .poll(() => outcomeOf('Maria Souza'), { timeout: 8000 })
      .toMatchObject({
        status: 'pending',
        queueId: support.id,
        tags: ['Pedido'],
        contact: { email: 'maria@example.com' },
      });
  });

  it('QR: the menu as numbered text, answered with the number; same lines, same ending', async () => {
    const connection = await createQrConnection(app, app.companyA.adminToken);
    await waitForStatus(app, app.companyA.adminToken, connection.id, 'qr');
    (await socketOf(fake, connection.id)).scan('5511900003333', 'Loja QR');
    await waitForStatus(app, app.companyA.adminToken, connection.id, 'open');
    await attachFlow(app, app.companyA, connection.id, flow());
    const customer = '5511966664444';
    const jid = `${customer}@s.whatsapp.net`;
    const texts = () => fake.sent.filter((send) => send.jid === jid).map((send) => (send.content as { text?: string }).text ?? '');
    const say = async (text: string) =>
      (await socketOf(fake, connection.id)).receive([customerMessage(customer, { conversation: text }, { name: 'Cliente QR' })]);
    const upTo = (count: number) => eventually(async () => texts().length >= count, `${count} bot lines`);

    await say('oi');
    await upTo(2);
    await say('Pedro Lima');
    await upTo(3);
    await say('pedro@example.com');
    await upTo(4);
    expect(texts()[3]).toBe('Sobre o que você quer falar?\n\n1 - Meu pedido\n2 - Dúvida');
    await say('1');
    await upTo(PEDIDO_SCRIPT.length);
    expect(texts().map((text) => text.split('\n')[0])).toEqual(PEDIDO_SCRIPT.map((line) => line.replace('Maria Souza', 'Pedro Lima')));
    await expect
      .poll(() => outcomeOf('Pedro Lima'), { timeout: 8000 })
      .toMatchObject({
        status: 'pending',
        queueId: support.id,
        tags: ['Pedido'],
        contact: { email: 'pedro@example.com' },
      });
  });
});
