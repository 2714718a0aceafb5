// `npm run bench -- <name>`: runs bench/<name>.ts with tsx. Plain Node so it works before any build;
// stdout is passed through untouched because its last line is the benchmark's JSON result.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
// Helpers (lib*.ts) and child processes (*-driver.ts) live beside the benchmarks but are not runnable on their own.
const available = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((file) => file.endsWith('.ts') && !file.startsWith('lib') && !file.endsWith('-driver.ts'))
      .map((file) => file.slice(0, -3))
      .sort()
  : [];

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(
    `${name ? `unknown benchmark "${name}". ` : ''}usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}`,
  );
  console.error('env: BENCH_DATABASE_URL=postgres://… runs on a fresh database on that server (default: embedded PGlite)');
  process.exit(name ? 2 : 1);
}

const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
if (!existsSync(tsx)) {
  console.error('tsx is not installed; run `npm ci` first');
  process.exit(1);
}
const child = spawn(process.execPath, [tsx, path.join(benchDir, `${name}.ts`), ...process.argv.slice(3)], {
  stdio: 'inherit',
  cwd: root,
  env: process.env,
});
// Forward Ctrl-C/SIGTERM so the benchmark can drop its database instead of leaving it behind.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
