import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { detectDelimiter, type Delimiter } from './csv-format.js';

/**
 * Uploaded CSVs and rejected-row reports on disk under DATA_DIR/imports/<company>/: an upload is
 * streamed there as it arrives (never held in memory) and read back as a stream by the import job.
 */
export class ImportFiles {
  constructor(private readonly root: string) {}

  /** Streams `source` into a new file; `tooLarge()` tells whether the multipart limit cut it. */
  async receive(companyId: number, source: Readable, tooLarge: () => boolean): Promise<{ file: string; bytes: number } | 'too_large'> {
    const dir = path.join(this.root, String(companyId));
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${randomUUID()}.csv`);
    let bytes = 0;
    source.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(source, createWriteStream(file));
    if (tooLarge()) {
      await this.remove(file);
      return 'too_large';
    }
    return { file, bytes };
  }

  reportPath(companyId: number, importId: number): string {
    return path.join(this.root, String(companyId), `${importId}-report.csv`);
  }

  /** Only files this store wrote: a path from a job payload is checked before it is opened. */
  owns(file: string): boolean {
    return path.resolve(file).startsWith(path.resolve(this.root) + path.sep);
  }

  async remove(file: string): Promise<void> {
    if (this.owns(file)) await rm(file, { force: true });
  }
}

/** The delimiter from the head of the file (the header line). */
export async function delimiterOf(file: string): Promise<Delimiter> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return detectDelimiter(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/**
 * Every record of the file as arrays of strings, the header first, streamed: the parser pauses
 * while the consumer awaits, so memory stays flat whatever the file's size.
 */
export async function* csvRecords(file: string, delimiter: Delimiter): AsyncGenerator<string[]> {
  const input = createReadStream(file);
  const parser = parse({
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const record of parser) yield record as string[];
  } finally {
    input.destroy();
    parser.destroy();
  }
}
