import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './harness.js';

/** A multipart/form-data body as a browser sends it: text fields, then the CSV in `file`. */
export function multipart(fields: Record<string, string>, file: { name: string; content: string | Buffer } | null) {
  const boundary = `----jimmy${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function previewCsv(app: TestApp, token: string, content: string | Buffer, name = 'contatos.csv') {
  return app.inject({ method: 'POST', url: '/api/contacts/imports/preview', token, ...multipart({}, { name, content }) });
}

export async function startImport(
  app: TestApp,
  token: string,
  content: string | Buffer,
  mapping: unknown,
  extra: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/contacts/imports',
    token,
    ...multipart({ mapping: typeof mapping === 'string' ? mapping : JSON.stringify(mapping), ...extra }, { name: 'contatos.csv', content }),
  });
}

export interface ImportStatus {
  id: number;
  status: 'running' | 'done' | 'failed';
  total: number;
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
  processed: number;
  progress: number;
  error: string | null;
}

export async function waitForImport(app: TestApp, token: string, id: number, timeoutMs = 120_000): Promise<ImportStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await app.inject({ method: 'GET', url: `/api/contacts/imports/${id}`, token });
    expect(response.statusCode).toBe(200);
    const status = response.json<ImportStatus>();
    if (status.status !== 'running') return status;
    if (Date.now() > deadline) throw new Error(`import ${id} still running: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Import with the mapping the preview suggests, and wait for the end. */
export async function importWithSuggestion(app: TestApp, token: string, content: string | Buffer): Promise<ImportStatus> {
  const preview = await previewCsv(app, token, content);
  expect(preview.statusCode, preview.body).toBe(200);
  const started = await startImport(app, token, content, preview.json().suggestedMapping);
  expect(started.statusCode, started.body).toBe(202);
  return waitForImport(app, token, started.json().id);
}
