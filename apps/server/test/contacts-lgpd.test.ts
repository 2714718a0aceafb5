import { existsSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from '../src/infra/storage.js';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';

/** Merge, block, LGPD export and anonymisation against the real database, webhook and disk. */
let app: ConversationApp;
let storage: LocalStorage;

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  app.server.database.pool.query<T>(text, values).then((r) => r.rows);

beforeAll(async () => {
  app = await startConversationApp();
  storage = new LocalStorage(path.join(app.database.env.DATA_DIR!, 'media'));
});
afterAll(async () => app?.close());

/** A customer writes; returns its contact id and live ticket id. */
async function customerWrites(waId: string, text: string) {
  const webhook = textWebhook(waId, text);
  expect((await app.postWebhook(webhook.body)).statusCode).toBe(200);
  const [row] = await sql<{ contact_id: number; ticket_id: number }>('select contact_id, ticket_id from messages where external_id = $1', [
    webhook.id,
  ]);
  return { contactId: row!.contact_id, ticketId: row!.ticket_id };
}

const addNote = (ticketId: number, contactId: number, body: string) =>
  sql(
    `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, status)
     values ($1, $2, $3, $4, 'out', 'agent', $5, 'note', $6, 'sent')`,
    [app.companyA.id, ticketId, app.cloudConnectionId, contactId, app.companyA.adminId, body],
  );

/** The entries of a ZIP, read through its central directory (what any unzip tool does). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(-1);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressed);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('merge', () => {
  it('moves tickets, notes and tags to the kept contact and closes the other live ticket on the same connection', async () => {
    const keep = await customerWrites('5511933330001', 'sou o João');
    const other = await customerWrites('5511933330002', 'sou o João, outro número');
    await addNote(other.ticketId, other.contactId, 'cliente antigo');
    const [tag] = await sql<{ id: number }>(`insert into tags (company_id, name, color) values ($1, 'Fiel', '#40c057') returning id`, [
      app.companyA.id,
    ]);
    await app.inject({
      method: 'POST',
      url: `/api/contacts/${other.contactId}/tags`,
      token: app.companyA.adminToken,
      payload: { tagId: tag!.id },
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${other.contactId}`,
      token: app.companyA.adminToken,
      payload: { email: 'joao@example.com' },
    });

    const preview = await app.inject({
      method: 'GET',
      url: `/api/contacts/${keep.contactId}/merge-preview/${other.contactId}`,
      token: app.companyA.adminToken,
    });
    expect(preview.json()).toEqual({ tickets: 1, messages: 1, notes: 1, tags: 1, closingTicketIds: [other.ticketId] });

    const agent = await app.createUser(app.companyA, 'agent');
    const forbidden = await app.inject({
      method: 'POST',
      url: `/api/contacts/${keep.contactId}/merge`,
      token: agent.token,
      payload: { otherContactId: other.contactId },
    });
    expect(forbidden.statusCode).toBe(403);
    const self = await app.inject({
      method: 'POST',
      url: `/api/contacts/${keep.contactId}/merge`,
      token: app.companyA.adminToken,
      payload: { otherContactId: keep.contactId },
    });
    expect(self.statusCode).toBe(400);

    const merged = await app.inject({
      method: 'POST',
      url: `/api/contacts/${keep.contactId}/merge`,
      token: app.companyA.adminToken,
      payload: { otherContactId: other.contactId },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ id: keep.contactId, email: 'joao@example.com', tags: [{ id: tag!.id, name: 'Fiel' }] });
    const tickets = await sql<{ id: number; contact_id: number; status: string }>(
      'select id, contact_id, status from tickets where id = any($1::bigint[]) order by id',
      [[keep.ticketId, other.ticketId]],
    );
    expect(tickets).toEqual([
      { id: keep.ticketId, contact_id: keep.contactId, status: 'pending' },
      { id: other.ticketId, contact_id: keep.contactId, status: 'closed' },
    ]);
    const notes = await sql<{ contact_id: number }>(`select contact_id from messages where type = 'note' and body = 'cliente antigo'`);
    expect(notes).toEqual([{ contact_id: keep.contactId }]);
    const [closed] = await sql<{ data: Record<string, unknown> }>(
      `select data from ticket_events where ticket_id = $1 and kind = 'closed'`,
      [other.ticketId],
    );
    expect(closed!.data).toMatchObject({ reason: 'contacts-merged', intoContactId: keep.contactId });
    expect((await app.inject({ method: 'GET', url: `/api/contacts/${other.contactId}`, token: app.companyA.adminToken })).statusCode).toBe(
      404,
    );
    const audit = await app.inject({ method: 'GET', url: '/api/audit-log?action=contact.merged', token: app.companyA.adminToken });
    expect(audit.json().items[0]).toMatchObject({
      targetId: keep.contactId,
      actor: { id: app.companyA.adminId },
      data: { otherContactId: other.contactId },
    });
    // The other number now reaches the kept contact.
    const again = await customerWrites('5511933330002', 'voltei');
    expect(again).toEqual({ contactId: keep.contactId, ticketId: keep.ticketId });
  });
});

describe('block', () => {
  it('stores a blocked contact’s messages but opens no ticket, announces nothing and wakes no bot', async () => {
    const first = await customerWrites('5511933330003', 'primeira');
    const blocked = await app.inject({ method: 'POST', url: `/api/contacts/${first.contactId}/block`, token: app.companyA.adminToken });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json().blockedAt).not.toBeNull();
    expect((await sql<{ status: string }>('select status from tickets where id = $1', [first.ticketId]))[0]!.status).toBe('closed');

    const heard: string[] = [];
    const stops = (['ticket.created', 'ticket.updated', 'message.created'] as const).map((name) =>
      app.server.events.subscribe(name, () => void heard.push(name)),
    );
    const jobsBefore = (await sql<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'tickets.inbound'`))[0]!.n;
    const webhook = textWebhook('5511933330003', 'mensagem enquanto bloqueado');
    expect((await app.postWebhook(webhook.body)).statusCode).toBe(200);
    stops.forEach((stop) => stop());

    const [stored] = await sql<{ ticket_id: number; body: string }>('select ticket_id, body from messages where external_id = $1', [
      webhook.id,
    ]);
    expect(stored).toEqual({ ticket_id: first.ticketId, body: 'mensagem enquanto bloqueado' });
    const [ticket] = await sql<{ status: string; unread_count: number }>('select status, unread_count from tickets where id = $1', [
      first.ticketId,
    ]);
    expect(ticket).toEqual({ status: 'closed', unread_count: 0 });
    expect(await sql(`select id from tickets where contact_id = $1 and status <> 'closed'`, [first.contactId])).toEqual([]);
    expect(heard).toEqual([]);
    expect((await sql<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'tickets.inbound'`))[0]!.n).toBe(jobsBefore);

    // A blocked contact with no ticket at all gets a closed one to hold its message.
    const stranger = await customerWrites('5511933330004', 'oi');
    await app.inject({ method: 'POST', url: `/api/contacts/${stranger.contactId}/block`, token: app.companyA.adminToken });
    await sql('delete from tickets where contact_id = $1', [stranger.contactId]);
    const lone = textWebhook('5511933330004', 'sem ticket');
    expect((await app.postWebhook(lone.body)).statusCode).toBe(200);
    const [holder] = await sql<{ status: string }>(
      'select t.status from messages m join tickets t on t.id = m.ticket_id where m.external_id = $1',
      [lone.id],
    );
    expect(holder!.status).toBe('closed');

    const unblocked = await app.inject({ method: 'POST', url: `/api/contacts/${first.contactId}/unblock`, token: app.companyA.adminToken });
    expect(unblocked.json().blockedAt).toBeNull();
    const after = await customerWrites('5511933330003', 'desbloqueado');
    expect((await sql<{ status: string }>('select status from tickets where id = $1', [after.ticketId]))[0]!.status).not.toBe('closed');
  });
});

describe('LGPD', () => {
  let contactId: number;
  let mediaKey: string;
  const secret = 'meu CPF é 123.456.789-00';
  beforeAll(async () => {
    const written = await customerWrites('5511933330005', secret);
    contactId = written.contactId;
    await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contactId}`,
      token: app.companyA.adminToken,
      payload: { name: 'Maria Silva', email: 'maria@example.com' },
    });
    await addNote(written.ticketId, contactId, 'nota sobre a Maria');
    mediaKey = (await storage.put(app.companyA.id, Buffer.from('%PDF-1.4 comprovante da Maria'), 'pdf')).key;
    await sql(
      `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, type, body, media_path, media_mime, media_name, media_state, status, payload)
       values ($1, $2, $3, $4, 'in', 'customer', 'document', 'comprovante', $5, 'application/pdf', 'comprovante.pdf', 'ready', 'delivered', '{"sha256":"x"}')`,
      [app.companyA.id, written.ticketId, app.cloudConnectionId, contactId, mediaKey],
    );
  });

  it('exports everything held about the contact as a ZIP with its messages and media (admins only)', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'GET', url: `/api/contacts/${contactId}/export`, token: agent.token })).statusCode).toBe(403);
    const response = await app.inject({ method: 'GET', url: `/api/contacts/${contactId}/export`, token: app.companyA.adminToken });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="contato-\d+-Maria-Silva\.zip"/);
    const entries = unzip(response.rawPayload);
    const document = JSON.parse(entries.get('contact.json')!.toString('utf8'));
    expect(document.contact).toMatchObject({ id: contactId, name: 'Maria Silva', email: 'maria@example.com', phone: '+5511933330005' });
    const bodies = document.messages.map((m: { body: string }) => m.body);
    expect(bodies).toEqual(expect.arrayContaining([secret, 'nota sobre a Maria', 'comprovante']));
    const withFile = document.messages.find((m: { media_file?: string }) => m.media_file);
    expect(entries.get(withFile.media_file)!.toString()).toBe('%PDF-1.4 comprovante da Maria');
    expect(document.tickets).toHaveLength(1);
    const audit = await sql('select 1 from audit_log where action = $1 and target_id = $2 and actor_user_id = $3', [
      'contact.exported',
      contactId,
      app.companyA.adminId,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('anonymises: no personal field, text or media file is left, tickets stay, the number becomes a new contact', async () => {
    const [ticketBefore] = await sql<{ n: number }>('select count(*)::int as n from tickets where contact_id = $1', [contactId]);
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/contacts/${contactId}/anonymize`,
      token: app.companyA.adminToken,
      payload: { confirmName: 'Maria' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty('confirmName');
    expect(existsSync(storage.pathOf(mediaKey))).toBe(true);

    const done = await app.inject({
      method: 'POST',
      url: `/api/contacts/${contactId}/anonymize`,
      token: app.companyA.adminToken,
      payload: { confirmName: 'maria silva' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      name: 'Contato anonimizado',
      phone: null,
      email: null,
      waId: null,
      bsuid: null,
      avatarUrl: null,
      customFields: {},
    });
    expect(done.json().anonymizedAt).not.toBeNull();

    expect(existsSync(storage.pathOf(mediaKey))).toBe(false);
    const messages = await sql<{ body: string; payload: unknown; media_path: string | null; media_name: string | null }>(
      'select body, payload, media_path, media_name from messages where contact_id = $1',
      [contactId],
    );
    expect(messages.length).toBe(3);
    for (const m of messages) expect(m).toEqual({ body: '[removido]', payload: null, media_path: null, media_name: null });
    const leaks = await sql(
      `select 'messages' from messages where body like '%123.456%' or body like '%Maria%'
       union all select 'tickets' from tickets where last_message_body like '%123.456%'
       union all select 'contacts' from contacts where name = 'Maria Silva' or email = 'maria@example.com' or phone = '+5511933330005'
       union all select 'channels' from contact_channels where external_id = '5511933330005'`,
    );
    expect(leaks).toEqual([]);
    expect((await sql<{ n: number }>('select count(*)::int as n from tickets where contact_id = $1', [contactId]))[0]!.n).toBe(
      ticketBefore!.n,
    );
    const audit = await app.inject({ method: 'GET', url: '/api/audit-log', token: app.companyA.adminToken });
    expect(audit.json().items[0]).toMatchObject({ action: 'contact.anonymized', targetId: contactId, actor: { name: 'Company A Admin' } });
    expect(
      (await app.inject({ method: 'GET', url: '/api/audit-log', token: (await app.createUser(app.companyA, 'supervisor')).token }))
        .statusCode,
    ).toBe(403);

    const back = await customerWrites('5511933330005', 'voltei');
    expect(back.contactId).not.toBe(contactId);
  });

  it('keeps a file the company still uses elsewhere (a quick response, another contact) when anonymising one who received it', async () => {
    const { contactId: receiver, ticketId } = await customerWrites('5511933330006', 'me manda a tabela');
    const other = await customerWrites('5511933330007', 'eu também quero');
    const shared = (await storage.put(app.companyA.id, Buffer.from('%PDF-1.4 tabela de precos'), 'pdf')).key;
    const own = (await storage.put(app.companyA.id, Buffer.from('%PDF-1.4 comprovante pessoal'), 'pdf')).key;
    const [response] = await sql<{ id: number }>(
      `insert into quick_responses (company_id, shortcut, body, scope) values ($1, 'tabela', 'Segue a tabela', 'company') returning id`,
      [app.companyA.id],
    );
    await sql(
      `insert into quick_response_attachments (company_id, quick_response_id, position, kind, media_path, media_mime, media_name, media_size)
       values ($1, $2, 0, 'document', $3, 'application/pdf', 'tabela.pdf', 25)`,
      [app.companyA.id, response!.id, shared],
    );
    const sentDocument = (contactId: number, ticket: number, key: string) =>
      sql(
        `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, type, body, media_path, media_mime, media_name, media_state, status)
         values ($1, $2, $3, $4, 'out', 'agent', 'document', '', $5, 'application/pdf', 'doc.pdf', 'ready', 'sent')`,
        [app.companyA.id, ticket, app.cloudConnectionId, contactId, key],
      );
    await sentDocument(receiver, ticketId, shared);
    await sentDocument(receiver, ticketId, own);
    await sentDocument(other.contactId, other.ticketId, own);
    const [{ name }] = (await sql<{ name: string }>('select name from contacts where id = $1', [receiver])) as [{ name: string }];
    const done = await app.inject({
      method: 'POST',
      url: `/api/contacts/${receiver}/anonymize`,
      token: app.companyA.adminToken,
      payload: { confirmName: name },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(existsSync(storage.pathOf(shared))).toBe(true);
    expect(existsSync(storage.pathOf(own))).toBe(true);
    const left = await sql('select 1 from messages where contact_id = $1 and media_path is not null', [receiver]);
    expect(left).toEqual([]);
  });
});
