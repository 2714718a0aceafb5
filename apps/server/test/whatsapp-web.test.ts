import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { parseBaileysMessage } from '@jimmy/channels';
import { FakeWhatsAppWeb, listWebFixtures, readWebFixture } from '@jimmy/channels/testing';
import { bootServer, openSocket, startTestApp, testEnv, type TestApp } from './harness.js';
import { messagesOf, ticketsOf } from './conversations.harness.js';
import { createQueue, setMenu } from './pipeline.harness.js';
import { createQrConnection, customerMessage, getConnection, receipt, socketOf, waitForStatus } from './whatsapp-web.harness.js';
import { messageIdFor } from '../src/modules/whatsapp-web/index.js';
import { WaMessageStore } from '../src/modules/whatsapp-web/wa-messages.store.js';

const fake = new FakeWhatsAppWeb({ qrIntervalMs: 0 });
const downloaded: string[] = [];
const overrides = {
  whatsappWeb: {
    socketFactory: fake.factory,
    downloadMedia: async (message: { key: { id?: string | null } }) => {
      downloaded.push(message.key.id ?? '');
      return Buffer.from('\x89PNG fake image bytes');
    },
    reconnect: { baseMs: 50, maxMs: 200 },
  },
};
const env = { WHATSAPP_WEB_QR_LIMIT: '3', WHATSAPP_WEB_SEND_SPACING_MS: '0', WHATSAPP_WEB_LEASE_MS: '3000' };

let app: TestApp;
let baseUrl: string;
const sockets: Socket[] = [];
const CUSTOMER = '5511977776666';

beforeAll(async () => {
  app = await startTestApp(env, overrides);
  baseUrl = await app.server.listen();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const admin = () => app.companyA.adminToken;

describe('WhatsApp by QR code', () => {
  let connectionId: number;

  it('pairs: QR to admins only, then 515 restart, then open with the number and profile name', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const supervisor = await app.createUser(app.companyA, 'supervisor');
    const [adminSocket, agentSocket, supervisorSocket, otherCompany] = await Promise.all([
      openSocket(baseUrl, admin(), sockets),
      openSocket(baseUrl, agent.token, sockets),
      openSocket(baseUrl, supervisor.token, sockets),
      openSocket(baseUrl, app.companyB.adminToken, sockets),
    ]);
    const qrEvents = new Map<Socket, unknown[]>();
    for (const socket of [adminSocket, agentSocket, supervisorSocket, otherCompany]) {
      qrEvents.set(socket, []);
      socket.on('connection.qr', (payload: unknown) => qrEvents.get(socket)!.push(payload));
    }

    const created = await createQrConnection(app, admin());
    connectionId = created.id;
    expect(created.status).toBe('connecting');
    const withQr = await waitForStatus(app, admin(), connectionId, 'qr');
    expect(withQr.qr).toMatch(/^2@/);
    expect((await getConnection(app, agent.token, connectionId)).qr ?? null).toBeNull();
    expect((await getConnection(app, supervisor.token, connectionId)).qr ?? null).toBeNull();
    await expect.poll(() => qrEvents.get(adminSocket)!.length).toBeGreaterThan(0);
    expect(qrEvents.get(adminSocket)![0]).toMatchObject({ connectionId, qr: withQr.qr });

    // a rotated QR reaches the admin live
    const phone = await socketOf(fake, connectionId);
    phone.showQr();
    await expect.poll(async () => (await getConnection(app, admin(), connectionId)).qr).not.toBe(withQr.qr);

    phone.scan('5511900001111', 'Loja QR');
    const open = await waitForStatus(app, admin(), connectionId, 'open');
    expect(open).toMatchObject({ displayPhoneNumber: '+5511900001111', profileName: 'Loja QR', qr: null, lastError: null });
    expect(fake.sockets.filter((s) => s.input.id === String(connectionId)).length).toBe(2); // the restart after pairing
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const socket of [agentSocket, supervisorSocket, otherCompany]) expect(qrEvents.get(socket)).toEqual([]);
    // creds are sealed at rest: no readable key material in the table
    const { rows } = await app.server.database.pool.query<{ sealed: string }>('select sealed from wa_auth_creds where connection_id = $1', [
      connectionId,
    ]);
    expect(rows[0]!.sealed).toMatch(/^v1\./);
    expect(rows[0]!.sealed).not.toContain('noiseKey');
  });

  it('turns inbound messages into a ticket, stores duplicates once and messages from the phone as outbound', async () => {
    const phone = await socketOf(fake, connectionId);
    const hello = customerMessage(CUSTOMER, { conversation: 'Oi, vocês entregam?' }, { name: 'Joana' });
    await phone.receive([hello]);
    await phone.receive([hello]);
    await expect.poll(async () => (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Joana')).toBeTruthy();
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Joana')!;
    expect(ticket.contact.phone).toBe(`+${CUSTOMER}`);
    await phone.receive([customerMessage(CUSTOMER, { conversation: 'Entregamos sim!' }, { fromMe: true })]);
    await expect.poll(async () => (await messagesOf(app, admin(), ticket.id)).length).toBe(2);
    const messages = (await messagesOf(app, admin(), ticket.id)).sort((a, b) => a.id - b.id);
    expect(messages.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'Oi, vocês entregam?'],
      ['out', 'Entregamos sim!'],
    ]);
    expect(messages[0]!.externalId).toBe(hello.key.id);
  });

  it('keeps customer messages that arrived while offline (append) and ignores the echo of our own sends', async () => {
    const phone = await socketOf(fake, connectionId);
    const offline = customerMessage(CUSTOMER, { conversation: 'mandei enquanto vocês estavam fora' });
    const echo = customerMessage(CUSTOMER, { conversation: 'eco do nosso envio' }, { fromMe: true });
    const old = {
      ...customerMessage(CUSTOMER, { conversation: 'histórico antigo' }),
      messageTimestamp: Math.floor(Date.now() / 1000) - 10 * 86_400,
    };
    await phone.receive([offline, echo, old], 'append');
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Joana')!;
    await expect
      .poll(async () => (await messagesOf(app, admin(), ticket.id)).map((m) => m.body))
      .toContain('mandei enquanto vocês estavam fora');
    const bodies = (await messagesOf(app, admin(), ticket.id)).map((m) => m.body);
    expect(bodies).not.toContain('eco do nosso envio');
    expect(bodies).not.toContain('histórico antigo');
  });

  it('downloads inbound media by a job after commit', async () => {
    const phone = await socketOf(fake, connectionId);
    const image = customerMessage(CUSTOMER, {
      imageMessage: {
        mimetype: 'image/png',
        caption: 'o produto',
        fileSha256: Buffer.from('abc').toString('base64'),
        mediaKey: Buffer.from('k'.repeat(32)).toString('base64'),
        directPath: '/v/t62/x',
        url: 'https://mmg.whatsapp.net/x',
      },
    });
    await phone.receive([image]);
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Joana')!;
    await expect
      .poll(async () => (await messagesOf(app, admin(), ticket.id)).find((m) => m.type === 'image')?.media?.state, { timeout: 8000 })
      .toBe('ready');
    expect(downloaded).toContain(image.key.id);
  });

  it('sends replies with an id derived from our key, and receipts move the ticks forward only', async () => {
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Joana')!;
    const before = fake.sent.length;
    const reply = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      token: admin(),
      payload: { body: 'Qual o seu CEP?' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const messageId = reply.json().id as number;
    await expect
      .poll(async () => (await messagesOf(app, admin(), ticket.id)).find((m) => m.id === messageId)?.status, { timeout: 8000 })
      .toBe('sent');
    expect(fake.sent.length).toBe(before + 1);
    const sent = fake.sent.at(-1)!;
    expect(sent.jid).toBe(`${CUSTOMER}@s.whatsapp.net`);
    expect(sent.content).toMatchObject({ text: 'Qual o seu CEP?' });
    const { rows } = await app.server.database.pool.query<{ client_ref: string; external_id: string }>(
      'select client_ref, external_id from messages where id = $1',
      [messageId],
    );
    expect(rows[0]!.external_id).toBe(messageIdFor(rows[0]!.client_ref));
    expect(sent.id).toBe(rows[0]!.external_id);

    const phone = await socketOf(fake, connectionId);
    phone.receipts([receipt(sent.id, CUSTOMER, 3)]);
    await expect.poll(async () => (await messagesOf(app, admin(), ticket.id)).find((m) => m.id === messageId)?.status).toBe('delivered');
    phone.receipts([receipt(sent.id, CUSTOMER, 4), receipt(sent.id, CUSTOMER, 2)]);
    await expect.poll(async () => (await messagesOf(app, admin(), ticket.id)).find((m) => m.id === messageId)?.status).toBe('read');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await messagesOf(app, admin(), ticket.id)).find((m) => m.id === messageId)?.status).toBe('read');
  });

  it('sends an image with its caption and a voice note as ptt, bytes and all', async () => {
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Joana')!;
    const upload = async (fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) => {
      const boundary = '----jimmyqr';
      const parts = Object.entries(fields).map(([k, v]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      );
      const payload = Buffer.concat([
        ...parts,
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
        file.bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await app.inject({
        method: 'POST',
        url: `/api/tickets/${ticket.id}/messages`,
        token: admin(),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await upload({ body: 'Segue a foto' }, { name: 'foto.png', type: 'image/png', bytes: png });
    await expect.poll(() => fake.sent.some((s) => 'image' in s.content), { timeout: 8000 }).toBe(true);
    const image = fake.sent.find((s) => 'image' in s.content)!.content as { image: Buffer; caption: string; mimetype: string };
    expect(Buffer.from(image.image).equals(png)).toBe(true);
    expect(image).toMatchObject({ caption: 'Segue a foto', mimetype: 'image/png' });

    const ogg = Buffer.from('4f67675300020000', 'hex');
    await upload({ voice: 'true' }, { name: 'voz.ogg', type: 'audio/ogg; codecs=opus', bytes: ogg });
    await expect.poll(() => fake.sent.some((s) => 'audio' in s.content), { timeout: 8000 }).toBe(true);
    const voice = fake.sent.find((s) => 'audio' in s.content)!.content as { audio: Buffer; ptt: boolean; mimetype: string };
    expect(voice.ptt).toBe(true);
    expect(voice.mimetype).toMatch(/^audio\/ogg/);
  });

  it('quotes the customer message in a reply, reacts to it, and marks the conversation read', async () => {
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Joana')!;
    const first = (await messagesOf(app, admin(), ticket.id)).find((m) => m.body === 'Oi, vocês entregam?')!;
    const reply = await app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      token: admin(),
      payload: { body: 'Entregamos em SP', quotedMessageId: first.id },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await expect
      .poll(() => fake.sent.some((s) => 'text' in s.content && s.content.text === 'Entregamos em SP'), { timeout: 8000 })
      .toBe(true);
    const quotedSend = fake.sent.find((s) => 'text' in s.content && s.content.text === 'Entregamos em SP')!;
    expect(quotedSend.options?.quoted?.key.id).toBe(first.externalId);

    const react = await app.inject({ method: 'POST', url: `/api/messages/${first.id}/reaction`, token: admin(), payload: { emoji: '👍' } });
    expect(react.statusCode, react.body).toBe(200);
    await expect.poll(() => fake.sent.some((s) => 'react' in s.content), { timeout: 8000 }).toBe(true);
    const reaction = fake.sent.find((s) => 'react' in s.content)!.content as { react: { text: string; key: { id: string } } };
    expect(reaction.react).toMatchObject({ text: '👍', key: { id: first.externalId } });

    const phone = await socketOf(fake, connectionId);
    const unread = customerMessage(CUSTOMER, { conversation: 'obrigada' });
    await phone.receive([unread]);
    await expect.poll(async () => (await ticketsOf(app, app.companyA)).find((t) => t.id === ticket.id)?.unreadCount).toBeGreaterThan(0);
    const read = await app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/read`, token: admin() });
    expect(read.statusCode, read.body).toBeLessThan(300);
    await expect.poll(() => phone.read.length, { timeout: 8000 }).toBeGreaterThan(0);
    expect(phone.read.at(-1)).toMatchObject({ remoteJid: `${CUSTOMER}@s.whatsapp.net`, id: unread.key.id, fromMe: false });
  });

  it('reconnects with backoff after a transient close, keeping the pairing', async () => {
    const phone = await socketOf(fake, connectionId);
    const count = fake.sockets.length;
    phone.close(428, 'connection closed');
    await expect.poll(() => fake.sockets.length, { timeout: 3000 }).toBe(count + 1);
    await waitForStatus(app, admin(), connectionId, 'open');
    expect(fake.current!.qrShown).toBe(0);
  });

  it('resumes after a server restart without a new QR', async () => {
    await app.server.close();
    const count = fake.sockets.length;
    app.server = await bootServer(testEnv(app.database, env), overrides);
    await expect.poll(() => fake.sockets.length, { timeout: 8000 }).toBe(count + 1);
    await waitForStatus(app, admin(), connectionId, 'open', 8000);
    expect(fake.current!.qrShown).toBe(0);
    expect(fake.current!.input.auth.creds.me?.id).toBe('5511900001111:7@s.whatsapp.net');
  });

  it('wipes the keys and asks for a new QR when the phone logs out (401)', async () => {
    const phone = await socketOf(fake, connectionId);
    phone.close(401, 'logged out');
    const closed = await waitForStatus(app, admin(), connectionId, 'logged_out');
    expect(closed.lastError).toMatch(/logged out/i);
    const { rows } = await app.server.database.pool.query(
      'select 1 from wa_auth_creds where connection_id = $1 union all select 1 from wa_auth_keys where connection_id = $1',
      [connectionId],
    );
    expect(rows).toEqual([]);
    const count = fake.sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sockets.length).toBe(count); // no reconnect loop

    const again = await app.inject({ method: 'POST', url: `/api/connections/${connectionId}/reconnect`, token: admin() });
    expect(again.statusCode, again.body).toBe(200);
    const withQr = await waitForStatus(app, admin(), connectionId, 'qr');
    expect(withQr.qr).toMatch(/^2@/);
  });

  it('offers a pairing code instead of the QR', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: `/api/connections/${connectionId}/pairing-code`,
      token: admin(),
      payload: { phoneNumber: '12' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('phoneNumber');
    const asked = await app.inject({
      method: 'POST',
      url: `/api/connections/${connectionId}/pairing-code`,
      token: admin(),
      payload: { phoneNumber: '+55 (11) 90000-1111' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    await expect.poll(async () => (await getConnection(app, admin(), connectionId)).pairingCode).toMatch(/^[0-9A-F]{8}$/);
  });

  it('stops after the QR limit and after a replaced session (440), and says why', async () => {
    const phone = await socketOf(fake, connectionId);
    // the limit (3) counts from the pairing-code request of the previous test
    for (let i = 0; i < 4; i++) phone.showQr();
    const stopped = await waitForStatus(app, admin(), connectionId, 'closed');
    expect(stopped.lastError).toMatch(/not scanned/);
    expect((await app.server.database.pool.query('select session_wanted from connections where id = $1', [connectionId])).rows[0]).toEqual({
      session_wanted: false,
    });

    await app.inject({ method: 'POST', url: `/api/connections/${connectionId}/reconnect`, token: admin() });
    (await socketOf(fake, connectionId)).scan();
    await waitForStatus(app, admin(), connectionId, 'open');
    const count = fake.sockets.length;
    (await socketOf(fake, connectionId)).close(440, 'replaced');
    const replaced = await waitForStatus(app, admin(), connectionId, 'closed');
    expect(replaced.lastError).toMatch(/replaced/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sockets.length).toBe(count);
  });

  it('logs out from the phone when an admin deletes the connection; agents cannot manage sessions', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'POST', url: `/api/connections/${connectionId}/reconnect`, token: agent.token })).statusCode).toBe(
      403,
    );
    expect(
      (await app.inject({ method: 'POST', url: `/api/connections/${connectionId}/logout`, token: app.companyB.adminToken })).statusCode,
    ).toBe(404);
    await app.inject({ method: 'POST', url: `/api/connections/${connectionId}/reconnect`, token: admin() });
    await waitForStatus(app, admin(), connectionId, 'open');
    const removed = await app.inject({ method: 'DELETE', url: `/api/connections/${connectionId}`, token: admin() });
    expect(removed.statusCode).toBe(204);
    await expect
      .poll(
        async () =>
          (await app.server.database.pool.query('select 1 from wa_auth_creds where connection_id = $1', [connectionId])).rows.length,
      )
      .toBe(0);
  });
});

describe('every WhatsApp Web message fixture through the real ingest path', () => {
  it('stores each kind once with its type, drops protocol/stub/status/group traffic, and answers getMessage from the database', async () => {
    const connection = await createQrConnection(app, admin(), 'Fixtures');
    (await socketOf(fake, connection.id)).scan('5511900004444', 'Fixtures');
    await waitForStatus(app, admin(), connection.id, 'open');
    const phone = await socketOf(fake, connection.id);
    const expectations = listWebFixtures().map((name) => ({
      name,
      message: readWebFixture(name),
      parsed: parseBaileysMessage(readWebFixture(name)),
    }));
    for (const { message } of expectations) await phone.receive([message]);
    const ids = expectations.map((e) => e.message.key.id!);
    const storedIds = async () =>
      (
        await app.server.database.pool.query<{ external_id: string }>('select external_id from messages where connection_id = $1', [
          connection.id,
        ])
      ).rows
        .map((r) => r.external_id)
        .sort();
    await expect.poll(storedIds, { timeout: 10_000 }).toEqual(
      expectations
        .filter((e) => e.parsed)
        .map((e) => e.message.key.id!)
        .sort(),
    );
    const { rows } = await app.server.database.pool.query<{ external_id: string; type: string; direction: string }>(
      'select external_id, type, direction from messages where connection_id = $1 and external_id = any($2)',
      [connection.id, ids],
    );
    const stored = new Map(rows.map((r) => [r.external_id, r]));
    for (const { name, message, parsed } of expectations) {
      const row = stored.get(message.key.id!);
      if (!parsed) {
        expect(row, `${name} should be ignored`).toBeUndefined();
        continue;
      }
      expect(row, `${name} should be stored`).toMatchObject({ type: parsed.kind, direction: parsed.fromMe ? 'out' : 'in' });
    }
    expect(expectations.filter((e) => !e.parsed).map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'group-text.json',
        'ignored-protocol-revoke.json',
        'ignored-status-broadcast.json',
        'ignored-stub-ciphertext.json',
      ]),
    );
    // Baileys re-encrypts a message the recipient could not decrypt from what getMessage returns.
    const text = expectations.find((e) => e.name === 'text.json')!.message;
    expect(await phone.input.getMessage(text.key)).toMatchObject({ conversation: text.message!.conversation });

    // a hidden-number (@lid) customer is answered at that id
    const lid = (await ticketsOf(app, app.companyA)).find((t) => t.connectionId === connection.id && t.contact.name === 'Bruno')!;
    const reply = await app.inject({
      method: 'POST',
      url: `/api/tickets/${lid.id}/messages`,
      token: admin(),
      payload: { body: 'Olá Bruno' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await expect
      .poll(() => fake.sent.find((s) => 'text' in s.content && s.content.text === 'Olá Bruno')?.jid, { timeout: 8000 })
      .toBe('204807358120031@lid');

    // protobufs past the retention are forgotten, the rest stay
    const pool = app.server.database.pool;
    await pool.query(`update wa_messages set created_at = now() - interval '40 days' where connection_id = $1 and key_id = $2`, [
      connection.id,
      text.key.id,
    ]);
    const before = (await pool.query('select count(*)::int as n from wa_messages where connection_id = $1', [connection.id])).rows[0]
      .n as number;
    expect(await new WaMessageStore(pool).prune([connection.id])).toBe(1);
    expect((await pool.query('select count(*)::int as n from wa_messages where connection_id = $1', [connection.id])).rows[0].n).toBe(
      before - 1,
    );
    expect(await phone.input.getMessage(text.key)).toBeUndefined();
  });

  it('stops its sockets when it cannot renew their leases, before another node could take them', async () => {
    const connection = await createQrConnection(app, admin(), 'Sem banco');
    (await socketOf(fake, connection.id)).scan();
    await waitForStatus(app, admin(), connection.id, 'open');
    const phone = await socketOf(fake, connection.id);
    const pool = app.server.database.pool;
    // One transaction: the lease's expiry as last renewed, and the table gone before any renewal.
    const client = await pool.connect();
    let expiresAt: Date;
    try {
      await client.query('begin');
      expiresAt = (
        await client.query<{ expires_at: Date }>('select expires_at from connection_leases where connection_id = $1', [connection.id])
      ).rows[0]!.expires_at;
      await client.query('alter table connection_leases rename to connection_leases_away');
      await client.query('commit');
    } finally {
      client.release();
    }
    try {
      await expect.poll(() => phone.ended, { timeout: 5000, interval: 20 }).toBe(true);
      expect(Date.now()).toBeLessThan(expiresAt.getTime()); // stopped while the lease was still ours
    } finally {
      await pool.query('alter table connection_leases_away rename to connection_leases');
    }
    // once the database answers again the session comes back
    await expect.poll(() => fake.sockets.some((s) => s.input.id === String(connection.id) && !s.ended), { timeout: 8000 }).toBe(true);
  });

  it('files new tickets in the queue chosen while the session runs', async () => {
    const connection = await createQrConnection(app, admin(), 'Fila nova');
    (await socketOf(fake, connection.id)).scan();
    await waitForStatus(app, admin(), connection.id, 'open');
    const queue = await app.inject({ method: 'POST', url: '/api/queues', token: admin(), payload: { name: `Vendas QR ${connection.id}` } });
    expect(queue.statusCode, queue.body).toBe(201);
    await setMenu(app, app.companyA.id, connection.id, [queue.json().id]);
    await (
      await socketOf(fake, connection.id)
    ).receive([customerMessage('5511966665555', { conversation: 'quero comprar' }, { name: 'Cliente Fila' })]);
    await expect
      .poll(async () => (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Cliente Fila')?.queueId)
      .toBe(queue.json().id);
  });

  it('asks a menu as numbered text (linked devices cannot send buttons) and routes the number back', async () => {
    const connection = await createQrConnection(app, admin(), 'Menu QR');
    (await socketOf(fake, connection.id)).scan();
    await waitForStatus(app, admin(), connection.id, 'open');
    const sales = await createQueue(app, app.companyA, `Vendas menu ${connection.id}`);
    const support = await createQueue(app, app.companyA, `Suporte menu ${connection.id}`);
    await setMenu(app, app.companyA.id, connection.id, [sales.id, support.id]);
    const phone = '5511966664444';
    const before = fake.sent.length;
    await (await socketOf(fake, connection.id)).receive([customerMessage(phone, { conversation: 'oi' }, { name: 'Cliente Menu' })]);
    await expect.poll(() => fake.sent.slice(before).find((sent) => sent.jid === `${phone}@s.whatsapp.net`), { timeout: 8000 }).toBeTruthy();
    const menu = fake.sent.slice(before).find((sent) => sent.jid === `${phone}@s.whatsapp.net`)!;
    expect((menu.content as { text: string }).text).toMatch(new RegExp(`1.*Vendas menu[\\s\\S]*2.*Suporte menu`));
    await (await socketOf(fake, connection.id)).receive([customerMessage(phone, { conversation: '2' }, { name: 'Cliente Menu' })]);
    await expect
      .poll(async () => (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Cliente Menu'), { timeout: 8000 })
      .toMatchObject({ status: 'pending', queueId: support.id });
  });
});
