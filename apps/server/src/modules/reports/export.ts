import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { csvLine, EXPORT_BOM } from '../contact-imports/csv-format.js';
import type { DurationStats } from './histogram.js';

/** The exportable tables: the JSON tables' columns, with localized headers. */
export type ExportTable = 'agents' | 'queues' | 'survey-comments' | 'series';
export type ExportLang = 'pt-BR' | 'en';
type Cell = string | number | null;

const HEADERS: Record<ExportTable, Record<ExportLang, string[]>> = {
  agents: {
    'pt-BR': [
      'Agente',
      'Tickets fechados',
      'Tickets atribuídos',
      'Primeira resposta p50 (s)',
      'Primeira resposta p90 (s)',
      'Atendimento p50 (s)',
      'Atendimento p90 (s)',
      'CSAT média',
      'CSAT respostas',
      'Tempo online (s)',
      'Mensagens enviadas',
    ],
    en: [
      'Agent',
      'Tickets closed',
      'Tickets assigned',
      'First response p50 (s)',
      'First response p90 (s)',
      'Handling p50 (s)',
      'Handling p90 (s)',
      'CSAT average',
      'CSAT answers',
      'Online time (s)',
      'Messages sent',
    ],
  },
  queues: {
    'pt-BR': [
      'Fila',
      'Tickets abertos',
      'Tickets fechados',
      'Espera na fila p50 (s)',
      'Espera na fila p90 (s)',
      'Primeira resposta p50 (s)',
      'Primeira resposta p90 (s)',
      'Resolução p50 (s)',
      'Resolução p90 (s)',
      'CSAT média',
      'CSAT respostas',
    ],
    en: [
      'Queue',
      'Tickets opened',
      'Tickets closed',
      'Queue wait p50 (s)',
      'Queue wait p90 (s)',
      'First response p50 (s)',
      'First response p90 (s)',
      'Resolution p50 (s)',
      'Resolution p90 (s)',
      'CSAT average',
      'CSAT answers',
    ],
  },
  'survey-comments': {
    'pt-BR': ['Respondida em', 'Ticket', 'Nota', 'Comentário', 'Agente', 'Fila', 'Contato'],
    en: ['Answered at', 'Ticket', 'Score', 'Comment', 'Agent', 'Queue', 'Contact'],
  },
  series: {
    'pt-BR': ['Início', 'Abertos', 'Fechados', 'Pendentes', 'Mensagens recebidas', 'Mensagens enviadas'],
    en: ['Start', 'Opened', 'Closed', 'Pending', 'Messages in', 'Messages out'],
  },
};

const NO_QUEUE: Record<ExportLang, string> = { 'pt-BR': 'Sem fila', en: 'No queue' };

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));
const pair = (stats: DurationStats): Cell[] => [seconds(stats.p50Ms), seconds(stats.p90Ms)];

export interface AgentRow {
  name: string;
  ticketsClosed: number;
  ticketsAssigned: number;
  firstResponse: DurationStats;
  handling: DurationStats;
  csatAverage: number | null;
  csatCount: number;
  onlineSeconds: number;
  messagesOut: number;
}
export interface QueueRow {
  name: string | null;
  ticketsOpened: number;
  ticketsClosed: number;
  queueWait: DurationStats;
  firstResponse: DurationStats;
  resolution: DurationStats;
  csatAverage: number | null;
  csatCount: number;
}
export interface CommentRow {
  answeredAt: string;
  ticketId: number;
  score: number;
  comment: string;
  userName: string | null;
  queueName: string | null;
  contactName: string;
}
export interface SeriesRow {
  at: string;
  opened: number;
  closed: number;
  pending: number;
  messagesIn: number;
  messagesOut: number;
}

export const rowOf = {
  agents: (r: AgentRow): Cell[] => [
    r.name,
    r.ticketsClosed,
    r.ticketsAssigned,
    ...pair(r.firstResponse),
    ...pair(r.handling),
    r.csatAverage,
    r.csatCount,
    r.onlineSeconds,
    r.messagesOut,
  ],
  queues: (r: QueueRow, lang: ExportLang): Cell[] => [
    r.name ?? NO_QUEUE[lang],
    r.ticketsOpened,
    r.ticketsClosed,
    ...pair(r.queueWait),
    ...pair(r.firstResponse),
    ...pair(r.resolution),
    r.csatAverage,
    r.csatCount,
  ],
  comments: (r: CommentRow, zone: string): Cell[] => [
    localTime(r.answeredAt, zone, true),
    r.ticketId,
    r.score,
    r.comment,
    r.userName,
    r.queueName,
    r.contactName,
  ],
  series: (r: SeriesRow, zone: string, hourly: boolean): Cell[] => [
    localTime(r.at, zone, hourly),
    r.opened,
    r.closed,
    r.pending,
    r.messagesIn,
    r.messagesOut,
  ],
};

function localTime(iso: string, zone: string, withTime: boolean): string {
  return DateTime.fromISO(iso, { zone }).toFormat(withTime ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd');
}

export function headersOf(table: ExportTable, lang: ExportLang): string[] {
  return HEADERS[table][lang];
}

/** pt-BR spreadsheets read ',' as the decimal mark (the same reason cells are ';'-separated). */
function csvCell(value: Cell, lang: ExportLang): string {
  if (value === null) return '';
  if (typeof value === 'number') return lang === 'pt-BR' ? String(value).replace('.', ',') : String(value);
  return value;
}

export function csvStream(headers: string[], rows: AsyncIterable<Cell[]>, lang: ExportLang): Readable {
  return Readable.from(
    (async function* () {
      yield EXPORT_BOM + csvLine(headers);
      for await (const row of rows) yield csvLine(row.map((cell) => csvCell(cell, lang)));
    })(),
  );
}

/** Streamed XLSX (exceljs WorkbookWriter): rows are committed as they come, never a whole workbook in memory. */
export function xlsxStream(sheetName: string, headers: string[], rows: AsyncIterable<Cell[]>): PassThrough {
  const out = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow(headers).commit();
    for await (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
