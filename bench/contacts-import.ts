/**
 * CSV contact import (issue #10): 10,000 then 100,000 contacts through the real HTTP routes
 * (multipart upload streamed from disk, then the import job), the server running as its own process
 * so its resident memory can be sampled: before, and at its peak during each import. Memory must not
 * grow with the file, so the 100k peak should stay near the 10k peak. A same-run baseline (the same
 * 100k rows as plain batched INSERTs straight into the database) turns the noisy rows/s into a ratio.
 */
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnServer } from '../apps/server/test/harness.js';
import { openDatabase } from '../apps/server/src/infra/db/index.js';
import { createLogger } from '../apps/server/src/infra/logger.js';
import { BENCH_APP_SECRET, createBenchDatabase, httpClient, installDeadline, log, login, printResult, round, sleep } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '10000,100000').split(',').map(Number);
const ADMIN = { email: 'bench@import.jimmy.chat', password: 'bench-import-password' };

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

/** Distinct valid mobiles, 3 % invalid, 5 % repeats: the mix of the test, at any size. */
async function writeCsv(file: string, rows: number, offset: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('\uFEFFNome;Telefone;E-mail;Etiquetas\r\n');
  for (let i = 0; i < rows; i++) {
    const n = offset + (i % 20 === 10 ? i - 1 : i);
    const phone =
      i % 100 < 3
        ? `123-${i}`
        : `(${11 + Math.floor(n / 90_000_000)}) 9${String(10_000_000 + (n % 90_000_000)).slice(0, 4)}-${String(10_000_000 + (n % 90_000_000)).slice(4)}`;
    await write(`Cliente ${n} da Silva;${phone};cliente${n}@exemplo.com.br;${i % 10 === 0 ? 'VIP, Lote' : ''}\r\n`);
  }
  out.end();
  await once(out, 'close');
}

/** The multipart body streamed from disk, as a browser uploads it. */
function upload(baseUrl: string, token: string, file: string, mapping: Record<string, string>): Promise<{ status: number; body: string }> {
  const boundary = '----jimmybench';
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="mapping"\r\n\r\n${JSON.stringify(mapping)}\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="contatos.csv"\r\ncontent-type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL('/api/contacts/imports', baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: url.pathname,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + statSync(file).size + tail.length,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const input = createReadStream(file);
    input.pipe(req, { end: false });
    input.on('end', () => req.end(tail));
  });
}

async function main() {
  const database = await createBenchDatabase('import');
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    child?.kill('SIGKILL');
    await database.drop();
  };
  const clearDeadline = installDeadline(20 * 60_000, cleanup);
  try {
    const server = await spawnServer(
      ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')],
      {
        ...database.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'error',
        APP_SECRET: BENCH_APP_SECRET,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        REDIS_URL: '',
        ACCESS_TOKEN_TTL: '3600',
        WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
      },
      120_000,
    );
    child = server.child;
    const pid = child.pid!;
    const client = httpClient(server.url);
    const token = await login(client, ADMIN.email, ADMIN.password);
    await sleep(3000);
    const rssBeforeMb = round(rssMb(pid), 1);
    log(`server up, RSS ${rssBeforeMb} MB`);
    const runs: Record<string, unknown>[] = [];
    let offset = 0;
    for (const size of SIZES) {
      const file = path.join(os.tmpdir(), `jimmy-bench-import-${process.pid}-${size}.csv`);
      await writeCsv(file, size, offset);
      offset += size;
      const rssIdleMb = rssMb(pid);
      let peak = rssIdleMb;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
      const started = performance.now();
      const response = await upload(server.url, token, file, { Nome: 'name', Telefone: 'phone', 'E-mail': 'email', Etiquetas: 'tags' });
      if (response.status !== 202) throw new Error(`import answered ${response.status} ${response.body}`);
      const id = (JSON.parse(response.body) as { id: number }).id;
      let status: { status: string; created: number; duplicates: number; rejected: number; updated: number; total: number };
      for (;;) {
        status = JSON.parse((await client.get(`/api/contacts/imports/${id}`, token)).body);
        if (status.status !== 'running') break;
        await sleep(200);
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (status.status !== 'done') throw new Error(`import ${status.status}: ${JSON.stringify(status)}`);
      const run = {
        rows: size,
        fileMb: round(statSync(file).size / 1024 / 1024, 1),
        seconds: round(seconds, 1),
        rowsPerSecond: round(size / seconds, 0),
        rssIdleMb: round(rssIdleMb, 1),
        peakRssMb: round(peak, 1),
        growthMb: round(peak - rssIdleMb, 1),
        counts: { created: status.created, updated: status.updated, duplicates: status.duplicates, rejected: status.rejected },
      };
      log(JSON.stringify(run));
      runs.push(run);
    }
    client.close();
    child.kill('SIGTERM');
    await once(child, 'exit');
    child = undefined;

    // Baseline: the same largest file's valid distinct rows as 500-row INSERTs, no HTTP, no parsing.
    const largest = SIZES[SIZES.length - 1]!;
    const db = await openDatabase({
      databaseUrl: database.env.DATABASE_URL,
      dataDir: database.env.DATA_DIR!,
      logger: createLogger('error'),
      poolSize: 2,
    });
    const { rows } = await db.pool.query<{ id: string }>(`insert into companies (name) values ('baseline') returning id`);
    const companyId = rows[0]!.id;
    const baselineStarted = performance.now();
    let inserted = 0;
    for (let start = 0; start < largest; start += 500) {
      const names: string[] = [];
      const phones: string[] = [];
      for (let i = start; i < Math.min(largest, start + 500); i++) {
        if (i % 100 < 3 || i % 20 === 10) continue;
        names.push(`Cliente ${i} da Silva`);
        phones.push(`+55${i}`);
      }
      await db.pool.query(
        `insert into contacts (company_id, name, phone, wa_id) select $1, n, p, substr(p, 2) from unnest($2::text[], $3::text[]) as v(n, p)`,
        [companyId, names, phones],
      );
      inserted += names.length;
    }
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    await db.close();
    const baselineRowsPerSecond = round(largest / baselineSeconds, 0);
    const last = runs[runs.length - 1] as { rowsPerSecond: number; peakRssMb: number };
    const first = runs[0] as { peakRssMb: number };
    printResult({
      benchmark: 'contacts-import',
      database: database.kind,
      rssBeforeMb,
      runs,
      peakRssRatioLargestToSmallest: round(last.peakRssMb / first.peakRssMb, 2),
      baseline: { what: 'plain 500-row INSERTs of the same rows', rows: inserted, rowsPerSecond: baselineRowsPerSecond },
      ratioToBaseline: round(last.rowsPerSecond / baselineRowsPerSecond, 3),
    });
  } finally {
    clearDeadline();
    await cleanup();
  }
}

await main();
