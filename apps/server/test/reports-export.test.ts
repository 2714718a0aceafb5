import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unguardCell } from '../src/modules/contact-imports/csv-format.js';
import { catchUpReports } from '../src/modules/reports/index.js';
import { startTestApp, type TestApp } from './harness.js';
import { RawRows } from './reports.harness.js';

/** Every exportable table, as CSV and as XLSX, parsed back and compared with its JSON. */
let app: TestApp;
const range = 'period=custom&from=2019-01-14&to=2019-01-16';

beforeAll(async () => {
  app = await startTestApp();
  const pool = app.server.database.pool;
  const raw = new RawRows(pool, app.companyA.id);
  const ana = await app.createUser(app.companyA, 'agent', 'Ana; "a Rápida"');
  const bruno = await app.createUser(app.companyA, 'agent', 'Bruno');
  const connection = await raw.connection();
  const queue = await raw.queue('Suporte');
  let minute = 0;
  const at = (day: number, offset = 0) => new Date(Date.UTC(2019, 0, day, 13, 0) + (offset + minute) * 60_000).toISOString();
  for (const [day, user, score, comment] of [
    [14, ana.id, 5, '=SUM(A1) "ótimo"; muito bom'],
    [15, bruno.id, 2, 'demorou\nmuito'],
    [15, ana.id, 4, 'ok'],
    [16, bruno.id, 3, ''],
  ] as const) {
    minute += 7;
    const t = await raw.ticket({ connectionId: connection, status: 'closed', queueId: queue, userId: user, at: at(day) });
    await raw.event(t.id, 'created', at(day));
    await raw.message(t, 'customer', at(day));
    await raw.event(t.id, 'accepted', at(day, 3), { actor: user });
    await raw.message(t, 'agent', at(day, 5), { userId: user });
    await raw.event(t.id, 'closed', at(day, 40), { actor: user });
    await raw.survey(t, { score, comment, userId: user, queueId: queue, at: at(day, 50) });
  }
  const botOnly = await raw.ticket({ connectionId: connection, status: 'closed', at: at(15) });
  await raw.event(botOnly.id, 'created', at(15));
  await raw.event(botOnly.id, 'bot-started', at(15));
  await raw.event(botOnly.id, 'closed', at(15, 2));
  await catchUpReports(pool);
});
afterAll(async () => {
  await app?.close();
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

type Cell = string | number | null;
/** The routes' JSON, read column by column. */
type Item = Record<string, unknown>;
const v = (item: Item, key: string) => item[key] as Cell;
const d = (item: Item, key: string, p: 'p50Ms' | 'p90Ms') => {
  const ms = (item[key] as Record<string, number | null>)[p] ?? null;
  return ms === null ? null : Math.round(ms / 1000);
};
const local = (iso: string, withTime: boolean) => {
  const at = new Date(new Date(iso).getTime() - 2 * 3600_000); // Sao Paulo summer time (-02) in January 2019
  return withTime ? at.toISOString().slice(0, 16).replace('T', ' ') : at.toISOString().slice(0, 10);
};

/** The table's rows as the export should write them (the same columns and values as the JSON). */
async function expected(table: string): Promise<Cell[][]> {
  const get = async (path: string) =>
    (await app.inject({ method: 'GET', url: `/api/reports/${path}?${range}`, token: app.companyA.adminToken })).json<
      Record<string, Item[]>
    >();
  if (table === 'agents') {
    return (await get('agents')).items!.map((i) => [
      v(i, 'name'),
      v(i, 'ticketsClosed'),
      v(i, 'ticketsAssigned'),
      d(i, 'firstResponse', 'p50Ms'),
      d(i, 'firstResponse', 'p90Ms'),
      d(i, 'handling', 'p50Ms'),
      d(i, 'handling', 'p90Ms'),
      v(i, 'csatAverage'),
      v(i, 'csatCount'),
      v(i, 'onlineSeconds'),
      v(i, 'messagesOut'),
    ]);
  }
  if (table === 'queues') {
    return (await get('queues')).items!.map((i) => [
      v(i, 'name') ?? 'Sem fila',
      v(i, 'ticketsOpened'),
      v(i, 'ticketsClosed'),
      d(i, 'queueWait', 'p50Ms'),
      d(i, 'queueWait', 'p90Ms'),
      d(i, 'firstResponse', 'p50Ms'),
      d(i, 'firstResponse', 'p90Ms'),
      d(i, 'resolution', 'p50Ms'),
      d(i, 'resolution', 'p90Ms'),
      v(i, 'csatAverage'),
      v(i, 'csatCount'),
    ]);
  }
  if (table === 'series') {
    return (await get('overview')).series!.map((p) => [
      local(String(p.at), false),
      v(p, 'opened'),
      v(p, 'closed'),
      v(p, 'pending'),
      v(p, 'messagesIn'),
      v(p, 'messagesOut'),
    ]);
  }
  return (await get('survey-comments')).items!.map((i) => [
    local(String(i.answeredAt), true),
    v(i, 'ticketId'),
    v(i, 'score'),
    v(i, 'comment'),
    v(i, 'userName'),
    v(i, 'queueName'),
    v(i, 'contactName'),
  ]);
}

/** CSV text back to the JSON's values: pt-BR decimal commas, empty = null, the formula guard undone. */
const fromCsv = (cell: string, like: string | number | null) =>
  cell === '' ? (like === '' ? '' : null) : typeof like === 'number' ? Number(cell.replace(',', '.')) : unguardCell(cell);

describe('report exports', () => {
  for (const table of ['agents', 'queues', 'survey-comments', 'series']) {
    it(`${table} as CSV opens with a BOM and matches the JSON table`, async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/reports/export?table=${table}&format=csv&${range}`,
        token: app.companyA.adminToken,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="report-/);
      expect(response.body.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(response.body.slice(1));
      expect(header!.length).toBeGreaterThan(4);
      const want = await expected(table);
      expect(want.length).toBeGreaterThan(0);
      expect(rows.map((row, r) => row.map((cell, c) => fromCsv(cell, want[r]?.[c] ?? null)))).toEqual(want);
    });

    it(`${table} as XLSX parses back with exceljs and matches the JSON table`, async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/reports/export?table=${table}&format=xlsx&lang=en&${range}`,
        token: app.companyA.adminToken,
      });
      expect(response.statusCode, response.body).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const values: (string | number | null)[][] = [];
      sheet.eachRow((row) => {
        const cells = (row.values as (string | number | null | undefined)[]).slice(1);
        // Array.from, not map: empty cells are holes in exceljs' sparse array.
        values.push(Array.from(cells, (v) => v ?? null));
      });
      const [header, ...rows] = values;
      expect(header![0]).toBe({ agents: 'Agent', queues: 'Queue', 'survey-comments': 'Answered at', series: 'Start' }[table]);
      const want = (await expected(table)).map((row) => row.map((v) => (v === 'Sem fila' ? 'No queue' : v)));
      const width = want[0]!.length;
      expect(rows.map((row) => [...row, ...Array(width - row.length).fill(null)].map((v) => (v === '' ? null : v)))).toEqual(
        want.map((row) => row.map((v) => (v === '' ? null : v))),
      );
    });
  }

  it('writes pt-BR headers by default and English ones with lang=en', async () => {
    const pt = await app.inject({
      method: 'GET',
      url: `/api/reports/export?table=queues&format=csv&${range}`,
      token: app.companyA.adminToken,
    });
    expect(parseCsv(pt.body.slice(1))[0]![0]).toBe('Fila');
    const en = await app.inject({
      method: 'GET',
      url: `/api/reports/export?table=queues&format=csv&lang=en&${range}`,
      token: app.companyA.adminToken,
    });
    expect(parseCsv(en.body.slice(1))[0]![0]).toBe('Queue');
    const bad = await app.inject({ method: 'GET', url: `/api/reports/export?table=nope&format=csv`, token: app.companyA.adminToken });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('table');
  });
});
