import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { bootServer, openSocket, testEnv } from './harness.js';
import { startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { importWithSuggestion, previewCsv, startImport, waitForImport, type ImportStatus } from './contact-imports.harness.js';

let app: ConversationApp;
const sockets: Socket[] = [];
beforeAll(async () => {
  app = await startConversationApp();
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.close();
});

const TOTAL = 10_000;
const subscriber = (i: number) => String(70_000_000 + i);
/**
 * Row i: every i % 100 < 3 has an impossible number (3 %), every i % 20 == 10 repeats row i-1's
 * number in the old 8-digit format (5 %), the rest are distinct mobiles in mixed spellings.
 * Rows i % 100 == 55 (100 of them) already exist in the database under WhatsApp's 8-digit wa_id.
 */
function bigCsv(): string {
  const lines = ['Nome;Telefone;E-mail;Etiquetas'];
  for (let i = 0; i < TOTAL; i++) {
    const sub = i % 20 === 10 ? subscriber(i - 1) : subscriber(i);
    const phone =
      i % 100 < 3
        ? `123-${i}`
        : i % 20 === 10
          ? `(11) ${sub.slice(0, 4)}-${sub.slice(4)}`
          : i % 2
            ? `+55 11 9${sub.slice(0, 4)}-${sub.slice(4)}`
            : `119${sub}`;
    const tags = i % 10 === 0 ? (i % 40 === 0 ? 'vip | Lote 1' : 'VIP, Lote 1') : '';
    lines.push(`Cliente ${i};${phone};${i % 3 ? `c${i}@exemplo.com.br` : ''};${tags}`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function count(sql: string, values: unknown[]): Promise<number> {
  const { rows } = await app.server.database.pool.query<{ n: number }>(sql, values);
  return rows[0]!.n;
}

describe('contact CSV import', () => {
  it('imports 10,000 rows with 3 % invalid numbers and 5 % repeats: exact counts, stored contacts, tags, report and live progress', async () => {
    const company = app.companyA;
    for (let i = 55; i < TOTAL; i += 100) {
      await app.server.database.pool.query(`insert into contacts (company_id, name, phone, wa_id) values ($1, $2, $3, $4)`, [
        company.id,
        `Antigo ${i}`,
        `+5511${subscriber(i)}`,
        `5511${subscriber(i)}`,
      ]);
    }
    const baseUrl = await app.server.listen();
    const socket = await openSocket(baseUrl, company.adminToken, sockets);
    const progress: ImportStatus[] = [];
    socket.on('contacts.import.progress', ({ import: state }: { import: ImportStatus }) => progress.push(state));

    const result = await importWithSuggestion(app, company.adminToken, bigCsv());
    expect(result).toMatchObject({
      status: 'done',
      total: 10_000,
      rejected: 300,
      duplicates: 500,
      created: 9100,
      updated: 100,
      processed: 10_000,
      progress: 1,
    });

    expect(await count('select count(*)::int as n from contacts where company_id = $1', [company.id])).toBe(9200);
    // the 8-digit wa_id rows were found and updated, not doubled: the file's name replaced theirs
    const { rows: old } = await app.server.database.pool.query(
      `select name, phone, wa_id from contacts where company_id = $1 and wa_id = $2`,
      [company.id, `5511${subscriber(155)}`],
    );
    expect(old).toEqual([{ name: 'Cliente 155', phone: `+5511${subscriber(155)}`, wa_id: `5511${subscriber(155)}` }]);
    const { rows: fresh } = await app.server.database.pool.query(
      `select name, phone, wa_id, email from contacts where company_id = $1 and phone = $2`,
      [company.id, `+55119${subscriber(7)}`],
    );
    expect(fresh).toEqual([
      { name: 'Cliente 7', phone: `+55119${subscriber(7)}`, wa_id: `55119${subscriber(7)}`, email: 'c7@exemplo.com.br' },
    ]);
    // "VIP" and "vip" are one tag; 400 valid distinct rows carry both tags
    const { rows: tags } = await app.server.database.pool.query(`select name from tags where company_id = $1 order by name`, [company.id]);
    expect(tags.map((t) => t.name)).toEqual(['Lote 1', 'VIP']);
    expect(await count('select count(*)::int as n from contact_tags where company_id = $1', [company.id])).toBe(800);

    const report = await app.inject({ method: 'GET', url: `/api/contacts/imports/${result.id}/report.csv`, token: company.adminToken });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Nome;Telefone;E-mail;Etiquetas;linha;motivo');
    expect(lines).toHaveLength(801);
    expect(lines[1]).toBe('Cliente 0;123-0;;vip | Lote 1;2;Telefone inválido: 123-0');
    expect(lines).toContain(`Cliente 10;(11) 7000-0009;c10@exemplo.com.br;VIP, Lote 1;12;Número repetido no arquivo (já na linha 11)`);

    await expect.poll(() => progress.at(-1)?.status).toBe('done');
    expect(progress.at(-1)).toMatchObject({ id: result.id, created: 9100, duplicates: 500 });
    expect(progress.filter((p) => p.status === 'running').length).toBeGreaterThanOrEqual(10);
    const processed = progress.map((p) => p.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
  }, 180_000);

  it('an inbound message from the 8-digit WhatsApp id meets the contact imported with the 9', async () => {
    const company = app.companyA;
    const done = await importWithSuggestion(app, company.adminToken, 'nome,telefone\nMaria Importada,(21) 98877-6655\n');
    expect(done).toMatchObject({ created: 1, rejected: 0 });
    const before = await count('select count(*)::int as n from contacts where company_id = $1', [company.id]);
    expect((await app.postWebhook(textWebhook('552188776655', 'oi, sou a Maria', { name: 'Maria WA' }).body)).statusCode).toBe(200);
    expect(await count('select count(*)::int as n from contacts where company_id = $1', [company.id])).toBe(before);
    const tickets = await ticketsOf(app, company);
    const ticket = tickets.find((t) => t.contact.phone === '+5521988776655');
    expect(ticket?.contact.name).toBe('Maria Importada');
  });

  it('re-importing a number fills in and overwrites with non-empty cells, never clears, and counts it as updated', async () => {
    const company = app.companyB;
    await importWithSuggestion(app, company.adminToken, 'nome;telefone;email\nAna;11 91234-5678;ana@ex.com\n');
    const again = await importWithSuggestion(app, company.adminToken, 'nome;telefone;email\nAna Souza;+5511912345678;\n');
    expect(again).toMatchObject({ created: 0, updated: 1 });
    const { rows } = await app.server.database.pool.query(`select name, email from contacts where company_id = $1`, [company.id]);
    expect(rows).toEqual([{ name: 'Ana Souza', email: 'ana@ex.com' }]);
  });

  it('answers 400 naming the field for a bad mapping, and nothing is imported', async () => {
    const token = app.companyB.adminToken;
    const csv = 'nome;telefone\nZé;11912345678\n';
    const cases: [unknown, string][] = [
      [{ nome: 'name', telefone: 'phone', celular: 'phone' }, 'mapping.celular'],
      [{ nome: 'name' }, 'mapping'],
      [{ nome: 'name', telefone: 'fone' }, 'mapping.telefone'],
      [{ nome: 'customField:nope', telefone: 'phone' }, 'mapping.nome'],
      [{ nome: 'phone', telefone: 'phone' }, 'mapping.telefone'],
      ['{not json', 'mapping'],
    ];
    for (const [mapping, field] of cases) {
      const response = await startImport(app, token, csv, mapping);
      expect(response.statusCode, JSON.stringify(mapping)).toBe(400);
      expect(response.json().error.fields, JSON.stringify(mapping)).toHaveProperty([field]);
    }
    const noFile = await app.inject({ method: 'POST', url: '/api/contacts/imports', token, payload: { mapping: {} } });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.fields).toHaveProperty('file');
    const broken = await previewCsv(app, token, 'nome;telefone\n"Zé;119\n');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields).toHaveProperty('file');
  });

  it('previews with the detected delimiter, BOM removed and a suggested mapping', async () => {
    const preview = await previewCsv(
      app,
      app.companyB.adminToken,
      '\uFEFFNome Completo,WhatsApp,Etiquetas,Obs\n"Silva, João",11912345678,vip,x\n',
    );
    expect(preview.json()).toMatchObject({
      delimiter: ',',
      headers: ['Nome Completo', 'WhatsApp', 'Etiquetas', 'Obs'],
      rows: [['Silva, João', '11912345678', 'vip', 'x']],
      suggestedMapping: { 'Nome Completo': 'name', WhatsApp: 'phone', Etiquetas: 'tags', Obs: 'ignore' },
    });
  });

  it('is for admins and supervisors only, and scoped to the company', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const supervisor = await app.createUser(app.companyA, 'supervisor');
    expect((await previewCsv(app, agent.token, 'nome;telefone\n')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/contacts/export.csv', token: agent.token })).statusCode).toBe(403);
    const started = await startImport(app, supervisor.token, 'nome;telefone\nX;11912340000\n', { nome: 'name', telefone: 'phone' });
    expect(started.statusCode).toBe(202);
    await waitForImport(app, supervisor.token, started.json().id);
    for (const url of [`/api/contacts/imports/${started.json().id}`, `/api/contacts/imports/${started.json().id}/report.csv`]) {
      expect((await app.inject({ method: 'GET', url, token: app.companyB.adminToken })).statusCode).toBe(404);
    }
  });

  it('survives a restart in the middle of an import: it resumes from the last batch with exact counts', async () => {
    const company = await app.createCompany('Restart');
    const started = await startImport(app, company.adminToken, bigCsv(), {
      Nome: 'name',
      Telefone: 'phone',
      'E-mail': 'email',
      Etiquetas: 'tags',
    });
    expect(started.statusCode).toBe(202);
    const id = started.json().id;
    let seen: ImportStatus;
    do {
      seen = (await app.inject({ method: 'GET', url: `/api/contacts/imports/${id}`, token: company.adminToken })).json();
    } while (seen.processed === 0 && seen.status === 'running');
    expect(seen.status).toBe('running');
    await app.server.close();
    app.server = await bootServer(testEnv(app.database, { WHATSAPP_GRAPH_URL: app.graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0' }));
    const token = await app.login(company.adminEmail, company.adminPassword);
    const result = await waitForImport(app, token, id);
    expect(result).toMatchObject({ status: 'done', rejected: 300, duplicates: 500, created: 9200, updated: 0 });
    expect(await count('select count(*)::int as n from contacts where company_id = $1', [company.id])).toBe(9200);
    const report = await app.inject({ method: 'GET', url: `/api/contacts/imports/${id}/report.csv`, token });
    expect(report.body.trimEnd().split('\r\n')).toHaveLength(801);
  }, 180_000);
});
