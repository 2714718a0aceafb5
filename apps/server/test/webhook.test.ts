import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCloudFixtures } from '@jimmy/channels/testing';
import {
  CLOUD,
  messagesOf,
  startConversationApp,
  statusWebhook,
  textWebhook,
  ticketsOf,
  type ConversationApp,
} from './conversations.harness.js';

let app: ConversationApp;
beforeAll(async () => {
  app = await startConversationApp();
  app.graph.addMedia('MEDIA_IMAGE_1', Buffer.from('fake-jpeg-bytes'), 'image/jpeg');
});
afterAll(async () => app?.close());

async function count(table: string): Promise<number> {
  const { rows } = await app.server.database.pool.query(`select count(*)::int as n from ${table}`);
  return rows[0].n;
}

describe('GET /webhooks/whatsapp handshake', () => {
  it('echoes the challenge for a known verify token and refuses others with 403', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${CLOUD.verifyToken}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const bad = await app.inject({ method: 'GET', url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1' });
    expect(bad.statusCode).toBe(403);
  });
});

describe('POST /webhooks/whatsapp', () => {
  it('ingests every fixture through the real route with a real signature', async () => {
    const inbound = listCloudFixtures().filter((name) => name.startsWith('inbound-'));
    expect(inbound.length).toBeGreaterThanOrEqual(14);
    for (const name of inbound) {
      const response = await app.postWebhook(app.fixture(name));
      expect(response.statusCode, `${name}: ${response.body}`).toBe(200);
    }
    const tickets = await ticketsOf(app, app.companyA);
    const maria = tickets.find((t) => t.contact.name === 'Maria Souza');
    expect(maria).toMatchObject({ status: 'pending', contact: { phone: '+5511988887777' } });
    const messages = await messagesOf(app, app.companyA.adminToken, maria!.id);
    const types = new Set(messages.map((m) => m.type));
    for (const type of ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'unsupported'])
      expect(types, type).toContain(type);
    const text = messages.find((m) => m.externalId === 'wamid.FIXTURE_IN_1');
    expect(text?.body).toBe('Olá, gostaria de saber o preço do plano');
    expect(messages.find((m) => m.type === 'location')?.payload).toHaveProperty('location');
    // only the inbound ones, each once, and the reaction becomes a badge rather than a bubble
    expect(messages.every((m) => m.direction === 'in')).toBe(true);
    expect(messages.some((m) => m.type === 'reaction')).toBe(false);
  });

  it('fetches media after the commit, into storage, served only to the company', async () => {
    const body = JSON.parse(app.fixture('inbound-image.json'));
    body.entry[0].changes[0].value.messages[0].id = 'wamid.IMG_OWN';
    body.entry[0].changes[0].value.messages[0].image.id = 'MEDIA_IMAGE_1';
    delete body.entry[0].changes[0].value.messages[0].image.sha256;
    expect((await app.postWebhook(body)).statusCode).toBe(200);
    const maria = (await ticketsOf(app, app.companyA)).find((t) => t.contact.name === 'Maria Souza')!;
    await expect
      .poll(
        async () => (await messagesOf(app, app.companyA.adminToken, maria.id)).find((m) => m.externalId === 'wamid.IMG_OWN')?.media?.state,
        { timeout: 15_000, interval: 250 },
      )
      .toBe('ready');
    const image = (await messagesOf(app, app.companyA.adminToken, maria.id)).find((m) => m.externalId === 'wamid.IMG_OWN')!;
    const file = await app.inject({ method: 'GET', url: image.media!.url!, token: app.companyA.adminToken });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.toString()).toBe('fake-jpeg-bytes');
    expect((await app.inject({ method: 'GET', url: image.media!.url!, token: app.companyB.adminToken })).statusCode).toBe(404);
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const before = await count('messages');
    const { body } = textWebhook('5511900001111', 'forged');
    expect((await app.postWebhook(body, { signature: null })).statusCode).toBe(401);
    expect((await app.postWebhook(body, { signature: 'sha256=deadbeef' })).statusCode).toBe(401);
    expect((await app.postWebhook(body, { secret: 'another-secret' })).statusCode).toBe(401);
    // a signature over re-serialised JSON is not a signature over the bytes Meta sent
    const spaced = Buffer.from(JSON.stringify(body, null, 2));
    expect(
      (
        await app.postWebhook(spaced, {
          signature: (await import('@jimmy/channels/testing')).signWebhook(JSON.stringify(body), CLOUD.appSecret),
        })
      ).statusCode,
    ).toBe(401);
    expect(await count('messages')).toBe(before);
  });

  it('stores the same POST delivered three times once', async () => {
    const { body, id } = textWebhook('5511900002222', 'só uma vez');
    for (let i = 0; i < 3; i++) expect((await app.postWebhook(body)).statusCode).toBe(200);
    const { rows } = await app.server.database.pool.query('select count(*)::int as n from messages where external_id = $1', [id]);
    expect(rows[0].n).toBe(1);
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === '+5511900002222')!;
    expect(ticket.unreadCount).toBe(1);
  });

  it('takes several entries and messages in one POST', async () => {
    const a = textWebhook('5511900003333', 'primeira');
    const b = textWebhook('5511900004444', 'segunda');
    const c = textWebhook('5511900003333', 'terceira');
    const combined = { object: 'whatsapp_business_account', entry: [a.body.entry[0], b.body.entry[0]] };
    combined.entry[0]!.changes[0]!.value.messages.push(c.body.entry[0]!.changes[0]!.value.messages[0]!);
    expect((await app.postWebhook(combined)).statusCode).toBe(200);
    const tickets = await ticketsOf(app, app.companyA);
    const first = tickets.find((t) => t.contact.phone === '+5511900003333')!;
    expect((await messagesOf(app, app.companyA.adminToken, first.id)).map((m) => m.body).sort()).toEqual(['primeira', 'terceira']);
    expect(tickets.some((t) => t.contact.phone === '+5511900004444')).toBe(true);
  });

  it('answers 200 for a phone number id no connection has, and stores nothing', async () => {
    const before = await count('messages');
    const { body } = textWebhook('5511900005555', 'perdido', { phoneNumberId: 'PNID_UNKNOWN' });
    expect((await app.postWebhook(body)).statusCode).toBe(200);
    expect(await count('messages')).toBe(before);
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const response = await app.postWebhook('{"object":', {});
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_JSON');
  });

  it('makes 50 concurrent webhooks of one new contact into one contact and one ticket', async () => {
    const from = '5511977776666';
    const posts = Array.from({ length: 50 }, (_, i) => app.postWebhook(textWebhook(from, `msg ${i}`).body));
    const responses = await Promise.all(posts);
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const { rows: contacts } = await app.server.database.pool.query('select id from contacts where wa_id = $1', [from]);
    expect(contacts).toHaveLength(1);
    const { rows: tickets } = await app.server.database.pool.query('select id, unread_count from tickets where contact_id = $1', [
      contacts[0].id,
    ]);
    expect(tickets).toHaveLength(1);
    expect(tickets[0].unread_count).toBe(50);
    const { rows: messages } = await app.server.database.pool.query('select count(*)::int as n from messages where ticket_id = $1', [
      tickets[0].id,
    ]);
    expect(messages[0].n).toBe(50);
  });
});

describe('statuses', () => {
  async function outboundMessage(externalId: string): Promise<number> {
    const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === '+5511900002222')!;
    const { rows } = await app.server.database.pool.query(
      `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, type, body, status, external_id)
       select company_id, id, connection_id, contact_id, 'out', 'agent', 'text', 'olá', 'sent', $2 from tickets where id = $1 returning id`,
      [ticket.id, externalId],
    );
    return rows[0].id;
  }
  const statusOf = async (id: number) =>
    (await app.server.database.pool.query('select status, error_code from messages where id = $1', [id])).rows[0];

  it('only moves forward: read then delivered stays read', async () => {
    const id = await outboundMessage('wamid.OUT_ORDER');
    expect((await app.postWebhook(statusWebhook('wamid.OUT_ORDER', 'read'))).statusCode).toBe(200);
    expect((await app.postWebhook(statusWebhook('wamid.OUT_ORDER', 'delivered'))).statusCode).toBe(200);
    expect((await app.postWebhook(statusWebhook('wamid.OUT_ORDER', 'sent'))).statusCode).toBe(200);
    expect(await statusOf(id)).toMatchObject({ status: 'read' });
  });

  it('applies the fixtures in order, and a failure with its reason', async () => {
    const id = await outboundMessage('wamid.FIXTURE_OUT_1');
    for (const name of ['status-sent.json', 'status-delivered.json'])
      expect((await app.postWebhook(app.fixture(name))).statusCode).toBe(200);
    expect(await statusOf(id)).toMatchObject({ status: 'delivered' });
    expect((await app.postWebhook(app.fixture('status-failed.json'))).statusCode).toBe(200);
    expect(await statusOf(id)).toMatchObject({ status: 'failed', error_code: '131047' });
    expect((await app.postWebhook(app.fixture('status-read.json'))).statusCode).toBe(200);
  });

  it('keeps a status that arrives before its message is known and applies it later', async () => {
    expect((await app.postWebhook(statusWebhook('wamid.EARLY', 'delivered'))).statusCode).toBe(200);
    const id = await outboundMessage('wamid.EARLY');
    await app.server.services.messages.applyParkedStatuses(app.cloudConnectionId, 'wamid.EARLY');
    expect(await statusOf(id)).toMatchObject({ status: 'delivered' });
  });
});
