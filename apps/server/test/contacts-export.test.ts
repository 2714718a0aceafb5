import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestCompany } from './harness.js';
import { importWithSuggestion } from './contact-imports.harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function defineFields(company: TestCompany) {
  await app.server.database.pool.query(
    `insert into custom_field_definitions (company_id, key, label, type, options, position) values
       ($1, 'cidade', 'Cidade', 'text', '[]', 0), ($1, 'pedidos', 'Pedidos', 'number', '[]', 1),
       ($1, 'nascimento', 'Nascimento', 'date', '[]', 2), ($1, 'plano', 'Plano', 'choice', '["Básico","Premium"]', 3)`,
    [company.id],
  );
}

async function exportOf(company: TestCompany, query = '') {
  const response = await app.inject({ method: 'GET', url: `/api/contacts/export.csv${query}`, token: company.adminToken });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  return response.body;
}

const tricky = [
  'nome;telefone;email;etiquetas;Cidade;Pedidos;Nascimento;Plano',
  'João Ação;(11) 98765-4321;joao@ex.com;VIP, Atacado;São Paulo;3;1990-05-17;premium',
  '"Maria ""Mari"" d\'Ávila";+55 21 7777-6666;;Atacado;"Rio; Centro";12,5;17/05/1985;Básico',
  '"Linha 1\nLinha 2";11 3333-4444;x@y.io;;"vírgula, e ponto; e vírgula";;;',
  '=HYPERLINK("http://mal.example");+351 912 345 678;;;-2+3;;;',
  "'já tinha apóstrofo;11 91111-2222;;;@menção;;;",
].join('\r\n');

describe('contacts CSV export', () => {
  it('round-trips exactly through export → import → export, and guards cells against formulas', async () => {
    const source = await app.createCompany('Origem');
    const target = await app.createCompany('Destino');
    await defineFields(source);
    await defineFields(target);
    const first = await importWithSuggestion(app, source.adminToken, tricky);
    expect(first).toMatchObject({ created: 5, rejected: 0, duplicates: 0 });

    const exported = await exportOf(source);
    expect(exported.startsWith('\uFEFFnome;telefone;email;etiquetas;Cidade;Pedidos;Nascimento;Plano\r\n')).toBe(true);
    expect(exported).toContain(`João Ação;'+5511987654321;joao@ex.com;Atacado, VIP;São Paulo;3;1990-05-17;Premium\r\n`);
    expect(exported).toContain(`"Maria ""Mari"" d'Ávila";'+5521977776666;;Atacado;"Rio; Centro";12.5;1985-05-17;Básico\r\n`);
    expect(exported).toContain(`"Linha 1\nLinha 2";'+551133334444;x@y.io;;"vírgula, e ponto; e vírgula";;;\r\n`);
    expect(exported).toContain(`"'=HYPERLINK(""http://mal.example"")";'+351912345678;;;'-2+3;;;\r\n`);
    expect(exported).toContain(`''já tinha apóstrofo;'+5511911112222;;;'@menção;;;\r\n`);

    const second = await importWithSuggestion(app, target.adminToken, exported);
    expect(second).toMatchObject({ created: 5, rejected: 0, duplicates: 0 });
    expect(await exportOf(target)).toBe(exported);

    // the guard's apostrophes are gone once back in the database
    const { rows } = await app.server.database.pool.query(`select name, custom_fields from contacts where company_id = $1 order by id`, [
      target.id,
    ]);
    expect(rows.map((r) => r.name)).toEqual([
      'João Ação',
      'Maria "Mari" d\'Ávila',
      'Linha 1\nLinha 2',
      '=HYPERLINK("http://mal.example")',
      "'já tinha apóstrofo",
    ]);
    expect(rows[3].custom_fields).toEqual({ cidade: '-2+3' });
  });

  it('exports the filtered list: text search and tags (any / all)', async () => {
    const company = await app.createCompany('Filtros');
    await importWithSuggestion(
      app,
      company.adminToken,
      'nome;telefone;etiquetas\nAna;11911110001;a\nBia;11911110002;a|b\nCaio;11911110003;b\n',
    );
    const { rows } = await app.server.database.pool.query(`select id, name from tags where company_id = $1 order by name`, [company.id]);
    const [a, b] = rows.map((r) => Number(r.id));
    const names = (csv: string) =>
      csv
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(';')[0]);
    expect(names(await exportOf(company))).toEqual(['Ana', 'Bia', 'Caio']);
    expect(names(await exportOf(company, `?tagIds=${a},${b}&tagMode=any`))).toEqual(['Ana', 'Bia', 'Caio']);
    expect(names(await exportOf(company, `?tagIds=${a},${b}&tagMode=all`))).toEqual(['Bia']);
    expect(names(await exportOf(company, `?q=ca`))).toEqual(['Caio']);
    expect(names(await exportOf(company, `?q=0002`))).toEqual(['Bia']);
    const bad = await app.inject({ method: 'GET', url: '/api/contacts/export.csv?tagIds=x', token: company.adminToken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('tagIds');
    // another company's export never includes these
    expect(names(await exportOf(app.companyB))).toEqual([]);
  });
});
