import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { FakeWhatsAppWeb } from '@jimmy/channels/testing';
import { startTestApp, type TestApp } from './harness.js';
import { ticketsOf } from './conversations.harness.js';
import { createQrConnection, customerMessage, socketOf, waitForStatus } from './whatsapp-web.harness.js';

/** The same quick response on WhatsApp by QR (Baileys) and on web chat: voice note vs file, contact card as vCard. */
const fake = new FakeWhatsAppWeb({ qrIntervalMs: 0 });
let app: TestApp;
let baseUrl: string;
const sockets: Socket[] = [];
const CUSTOMER = '5511966665555';

beforeAll(async () => {
  app = await startTestApp(
    { WHATSAPP_WEB_SEND_SPACING_MS: '0', WHATSAPP_WEB_LEASE_MS: '3000' },
    { whatsappWeb: { socketFactory: fake.factory, reconnect: { baseMs: 50, maxMs: 200 } } },
  );
  baseUrl = await app.server.listen();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const admin = () => app.companyA.adminToken;

function upload(id: number, name: string, mime: string, asVoice: boolean) {
  const boundary = '----jimmy-qr-channels';
  return app.inject({
    method: 'POST',
    url: `/api/quick-responses/${id}/attachments`,
    token: admin(),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="asVoice"\r\n\r\n${asVoice}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`),
      Buffer.from('OggS fake opus bytes'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

async function responseWith(shortcut: string, audio: boolean) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/quick-responses',
    token: admin(),
    payload: { shortcut, body: 'Oi {{nome}}', scope: 'company' },
  });
  const id = created.json().id as number;
  if (audio) {
    expect((await upload(id, 'voz.ogg', 'audio/ogg; codecs=opus', true)).statusCode).toBe(201);
    expect((await upload(id, 'musica.ogg', 'audio/ogg', false)).statusCode).toBe(201);
  }
  const card = await app.inject({
    method: 'POST',
    url: `/api/quick-responses/${id}/attachments`,
    token: admin(),
    payload: { kind: 'contact', name: 'Ana; Filial Centro', phone: '+55 11 97777-1234' },
  });
  expect(card.statusCode, card.body).toBe(201);
  return id;
}

describe('quick responses on WhatsApp by QR and web chat', () => {
  it('QR: text, audio as voice note (ptt), audio as file, then the contact card as an escaped vCard', async () => {
    const connection = await createQrConnection(app, admin());
    await waitForStatus(app, admin(), connection.id, 'qr');
    const phone = await socketOf(fake, connection.id);
    phone.scan('5511900002222', 'Loja QR');
    await waitForStatus(app, admin(), connection.id, 'open');
    await (await socketOf(fake, connection.id)).receive([customerMessage(CUSTOMER, { conversation: 'oi' }, { name: 'Rita Lopes' })]);
    await expect
      .poll(async () => (await ticketsOf(app, app.companyA)).some((t) => t.contact.name === 'Rita Lopes'), { timeout: 8000 })
      .toBe(true);
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Rita Lopes')!;

    const id = await responseWith('qrvoz', true);
    const before = fake.sent.length;
    const sent = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/quick-responses/${id}/send`,
      token: admin(),
      payload: { body: 'Oi {{nome}}' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    await expect.poll(() => fake.sent.length - before, { timeout: 10_000 }).toBe(4);
    const contents = fake.sent.slice(before).map((s) => s.content as Record<string, unknown>);
    expect(contents[0]).toMatchObject({ text: 'Oi Rita' });
    expect(contents[1]).toMatchObject({ ptt: true, mimetype: expect.stringMatching(/^audio\/ogg/) });
    expect(contents[2]).toMatchObject({ ptt: false, mimetype: 'audio/ogg' });
    expect(contents[3]).toEqual({
      contacts: {
        displayName: 'Ana; Filial Centro',
        contacts: [
          {
            vcard:
              'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\\; Filial Centro\r\nN:Centro;Ana\\; Filial;;;\r\nTEL;type=CELL;type=VOICE;waid=5511977771234:+5511977771234\r\nEND:VCARD\r\n',
          },
        ],
      },
    });
  });

  it('web chat: the contact card reaches the visitor as a downloadable .vcf', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: admin(),
      payload: { type: 'webchat', name: 'Site' },
    });
    const socket = connect(`${baseUrl}/webchat`, {
      auth: { key: created.json().widgetKey },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('visitor:state', () => resolve());
      socket.once('connect_error', reject);
    });
    await socket.timeout(3000).emitWithAck('visitor:start', { name: 'Visitante Cartão', phone: '' });
    await socket.timeout(3000).emitWithAck('visitor:message', { clientId: crypto.randomUUID(), text: 'Qual o telefone da filial?' });
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Visitante Cartão')!;

    const lines: Array<{ type: string; body: string; fileName: string | null; mediaUrl: string | null }> = [];
    socket.on('agent:message', (line: (typeof lines)[number], ack?: () => void) => {
      lines.push(line);
      ack?.();
    });
    const id = await responseWith('qrsite', false);
    const sent = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/quick-responses/${id}/send`,
      token: admin(),
      payload: { body: 'Segue o contato' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    await expect.poll(() => lines.length, { timeout: 8000 }).toBe(2);
    expect(lines[0]).toMatchObject({ body: 'Segue o contato' });
    expect(lines[1]).toMatchObject({ type: 'document', fileName: 'Ana; Filial Centro.vcf', body: 'Ana; Filial Centro +5511977771234' });
    const file = await app.inject({ method: 'GET', url: lines[1]!.mediaUrl! });
    expect(file.statusCode).toBe(200);
    // a download named .vcf (never rendered inline), which phones open as a contact
    expect(file.headers['content-disposition']).toMatch(/^attachment; .*\.vcf/);
    expect(file.body).toContain('TEL;type=CELL;type=VOICE;waid=5511977771234:+5511977771234');
  });
});
