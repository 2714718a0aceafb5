import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type pg from 'pg';
import type { ContactImport, ImportMapping, ImportPreview } from '@jimmy/contracts';
import { withTransaction } from '../../infra/db/index.js';
import { DomainError, invalid, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import {
  csvLine,
  REPORT_COLUMNS,
  reasonText,
  suggestMapping,
  type MappingTarget,
  type RejectReason,
  type ReportLocale,
} from './csv-format.js';
import { csvRecords, delimiterOf, type ImportFiles } from './import-files.js';
import { candidateOf, planOf, type ContactCandidate, type CustomFieldDefinition, type ImportPlan } from './import-rows.js';
import type { BatchCounts, ContactImportsRepository, ImportRow } from './contact-imports.repository.js';

export interface ImportJob {
  importId: number;
  companyId: number;
  file: string;
  mapping: Record<string, MappingTarget>;
  locale: ReportLocale;
}

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    'contacts.import': ImportJob;
  }
}
declare module '../../infra/events.js' {
  interface DomainEvents {
    'contacts.import.progress': { companyId: number; userId: number | null; import: ContactImport };
  }
}

/** Rows per transaction: big enough to amortise the round trips, small enough to keep each commit short. */
const IMPORT_BATCH_ROWS = 500;
const IMPORT_RETRIES = 3;
const PREVIEW_ROWS = 10;

function toImportDto(row: ImportRow): ContactImport {
  const processed = row.created + row.updated + row.duplicates + row.rejected;
  const progress = row.status === 'done' ? 1 : row.totalRows > 0 ? Math.min(1, processed / row.totalRows) : 0;
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    total: row.totalRows,
    created: row.created,
    updated: row.updated,
    duplicates: row.duplicates,
    rejected: row.rejected,
    processed,
    progress,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The file cannot be imported as it is (bad CSV): retrying would fail the same way. */
class ImportFileError extends Error {}
/** The server is stopping: the job fails now and resumes after the restart from its last batch. */
class Interrupted extends Error {}

export class ContactImportsService {
  private stopping = false;

  constructor(
    private readonly deps: {
      pool: pg.Pool;
      repo: ContactImportsRepository;
      files: ImportFiles;
      jobs: Jobs;
      events: EventBus;
      logger: Logger;
    },
  ) {}

  stop(): void {
    this.stopping = true;
  }

  async preview(companyId: number, file: string): Promise<ImportPreview> {
    try {
      const delimiter = await delimiterOf(file);
      const records: string[][] = [];
      for await (const record of csvRecords(file, delimiter)) {
        records.push(record);
        if (records.length > PREVIEW_ROWS) break;
      }
      const headers = records[0] ?? [];
      if (headers.length === 0) throw invalid({ file: 'has no header line' });
      const customFields = await this.deps.repo.customFields(companyId);
      return { delimiter, headers, rows: records.slice(1), suggestedMapping: suggestMapping(headers, customFields), customFields };
    } catch (error) {
      throw asUploadError(error);
    } finally {
      await this.deps.files.remove(file);
    }
  }

  /** Checks the mapping against the file's header and the company's custom fields, then queues the job. */
  async start(
    auth: { companyId: number; userId: number },
    upload: { file: string; fileName: string },
    mapping: ImportMapping,
    locale: ReportLocale,
  ): Promise<ContactImport> {
    try {
      const delimiter = await delimiterOf(upload.file);
      let headers: string[] = [];
      for await (const record of csvRecords(upload.file, delimiter)) {
        headers = record;
        break;
      }
      if (headers.length === 0) throw invalid({ file: 'has no header line' });
      const definitions = await this.deps.repo.customFields(auth.companyId);
      checkMapping(headers, mapping as Record<string, MappingTarget>, definitions);
      const row = await withTransaction(this.deps.pool, async (client) => {
        const created = await this.deps.repo.create(auth.companyId, auth.userId, upload.fileName, client);
        const job: ImportJob = {
          importId: created.id,
          companyId: auth.companyId,
          file: upload.file,
          mapping: mapping as Record<string, MappingTarget>,
          locale,
        };
        await this.deps.jobs.send('contacts.import', job, { singletonKey: `contacts.import:${created.id}`, within: client });
        return created;
      });
      this.deps.jobs.nudge('contacts.import');
      return toImportDto(row);
    } catch (error) {
      await this.deps.files.remove(upload.file);
      throw asUploadError(error);
    }
  }

  async get(companyId: number, id: number): Promise<ContactImport> {
    const row = await this.deps.repo.get(companyId, id);
    if (!row) throw notFound('Contact import');
    return toImportDto(row);
  }

  /** The rejected rows' report once the import has ended. */
  async reportOf(companyId: number, id: number): Promise<{ path: string; fileName: string }> {
    const row = await this.deps.repo.get(companyId, id);
    if (!row) throw notFound('Contact import');
    if (row.status === 'running' || !row.reportPath)
      throw new DomainError('IMPORT_RUNNING', 'The report is ready when the import ends', 409);
    const base = (row.fileName ?? 'contatos').replace(/\.csv$/i, '');
    return { path: row.reportPath, fileName: `${base}-rejeitados.csv` };
  }

  async registerJobs(): Promise<void> {
    await this.deps.jobs.register('contacts.import', (data, job) => this.runJob(data, job.retryCount), {
      retryLimit: IMPORT_RETRIES,
      retryDelaySeconds: 2,
    });
  }

  private async runJob(job: ImportJob, retryCount: number): Promise<void> {
    const row = await this.deps.repo.byId(job.importId);
    if (!row || row.status !== 'running' || row.companyId !== job.companyId || !this.deps.files.owns(job.file)) return;
    try {
      await this.process(row, job);
    } catch (error) {
      if (error instanceof Interrupted) throw error;
      const final = error instanceof ImportFileError || retryCount >= IMPORT_RETRIES;
      this.deps.logger.warn({ err: error, importId: row.id, retryCount, final }, 'contact import failed');
      if (!final) throw error;
      const failed = await this.deps.repo.finish(row.id, 'failed', error instanceof Error ? error.message.slice(0, 500) : 'failed');
      await this.deps.files.remove(job.file);
      this.publish(failed);
    }
  }

  /**
   * Streams the file once to count its rows (for the progress bar), then again in batches. Each
   * batch's contacts and counts commit together, so after a crash the sum of the counts is exactly
   * the number of rows already done: those are re-read without writing (to rebuild the in-file
   * duplicate check and the report) and the import goes on from there.
   */
  private async process(initial: ImportRow, job: ImportJob): Promise<void> {
    let row = initial;
    const definitions = await this.deps.repo.customFields(job.companyId);
    const delimiter = await delimiterOf(job.file).catch((error: unknown) => {
      throw new ImportFileError(`the uploaded file is gone: ${String(error)}`);
    });
    if (row.totalRows === 0) {
      let total = -1;
      for await (const _record of readFile(job.file, delimiter)) total++;
      row = await this.deps.repo.setTotal(row.id, Math.max(0, total), this.deps.files.reportPath(job.companyId, row.id));
      this.publish(row);
    }
    const report = createWriteStream(row.reportPath ?? this.deps.files.reportPath(job.companyId, row.id));
    const done = row.created + row.updated + row.duplicates + row.rejected;
    let counts: BatchCounts = { created: row.created, updated: row.updated, duplicates: row.duplicates, rejected: row.rejected };
    // E.164 numbers fit a double exactly (≤ 15 digits): a Map of numbers costs a few tens of bytes per row.
    const seen = new Map<number, number>();
    let plan: ImportPlan | undefined;
    let batch: ContactCandidate[] = [];
    let pending: BatchCounts = { created: 0, updated: 0, duplicates: 0, rejected: 0 };
    let index = -1;
    const flush = async () => {
      if (this.stopping) throw new Interrupted('server stopping');
      const next = { ...counts, duplicates: counts.duplicates + pending.duplicates, rejected: counts.rejected + pending.rejected };
      counts = await withTransaction(this.deps.pool, (client) => this.deps.repo.applyBatch(client, row.id, job.companyId, batch, next));
      batch = [];
      pending = { created: 0, updated: 0, duplicates: 0, rejected: 0 };
      this.publish({ ...row, ...counts });
    };
    try {
      for await (const record of readFile(job.file, delimiter)) {
        if (!plan) {
          plan = planOf(record, job.mapping, definitions);
          await write(report, csvLine([...record, ...REPORT_COLUMNS[job.locale]]));
          continue;
        }
        index++;
        const line = index + 2;
        const redo = index < done;
        const result = candidateOf(record, plan);
        let reason: RejectReason | null = null;
        if (!result.ok) {
          reason = result.reason;
          if (!redo) pending.rejected++;
        } else {
          const key = Number(result.contact.e164.slice(1));
          const first = seen.get(key);
          if (first !== undefined) {
            reason = { code: 'duplicate', line: first };
            if (!redo) pending.duplicates++;
          } else {
            seen.set(key, line);
            if (!redo) batch.push(result.contact);
          }
        }
        if (reason) await write(report, csvLine([...record, String(line), reasonText(reason, job.locale)]));
        if (!redo && (index + 1 - done) % IMPORT_BATCH_ROWS === 0) await flush();
      }
      if (batch.length > 0 || pending.duplicates > 0 || pending.rejected > 0) await flush();
    } finally {
      report.end();
      await once(report, 'close').catch(() => undefined);
    }
    const finished = await this.deps.repo.finish(row.id, 'done');
    await this.deps.files.remove(job.file);
    this.publish(finished);
  }

  private publish(row: ImportRow): void {
    this.deps.events.publish('contacts.import.progress', { companyId: row.companyId, userId: row.userId, import: toImportDto(row) });
  }
}

async function* readFile(file: string, delimiter: ',' | ';'): AsyncGenerator<string[]> {
  try {
    yield* csvRecords(file, delimiter);
  } catch (error) {
    throw asFileError(error);
  }
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** csv-parse's errors carry a code (CSV_QUOTE_NOT_CLOSED…) and the line: the user's file, not our bug. */
function asFileError(error: unknown): unknown {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string' && code.startsWith('CSV_')) {
    return new ImportFileError(`Invalid CSV: ${error.message}`);
  }
  return error;
}

function asUploadError(error: unknown): unknown {
  const file = asFileError(error);
  return file instanceof ImportFileError ? invalid({ file: file.message }, 'The file is not a valid CSV') : error;
}

function checkMapping(headers: string[], mapping: Record<string, MappingTarget>, definitions: CustomFieldDefinition[]): void {
  const fields: Record<string, string> = {};
  const used = new Map<string, string>();
  for (const [header, target] of Object.entries(mapping)) {
    if (!headers.includes(header)) fields[`mapping.${header}`] = 'no such column in the file';
    else if (target.startsWith('customField:') && !definitions.some((d) => `customField:${d.key}` === target))
      fields[`mapping.${header}`] = `no custom field "${target.slice('customField:'.length)}"`;
    else if (target !== 'ignore' && used.has(target))
      fields[`mapping.${header}`] = `"${target}" is already mapped from "${used.get(target)}"`;
    if (target !== 'ignore') used.set(target, header);
  }
  if (!Object.values(mapping).includes('phone')) fields['mapping'] ??= 'map one column to phone';
  if (Object.keys(fields).length > 0) throw invalid(fields, 'The column mapping does not fit the file');
}
