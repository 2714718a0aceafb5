// Shared by `npm start`, `npm test` and the e2e runner. Plain Node, no dependencies: it runs before
// anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Jimmy Chat needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(1);
  }
}

/** Installs when node_modules is missing or older than the lockfile; otherwise costs one stat. */
export function ensureInstalled() {
  checkNode();
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('› installing dependencies (npm ci)…');
  const started = Date.now();
  run(npm, ['ci', '--no-audit', '--no-fund']);
  console.log(`› dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const buildInputs = [
  'apps/server/src',
  'apps/server/drizzle',
  'apps/server/build.mjs',
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/precompress.ts',
  'packages',
  'package-lock.json',
];

function* files(entry) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    if (name === 'node_modules' || name === 'dist') continue;
    yield* files(path.join(entry, name));
  }
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const input of buildInputs) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/** Rebuilds only when a source changed since the last build, so a second `npm start` is fast. */
export function ensureBuilt() {
  const stamp = path.join(root, '.build-stamp');
  const current = sourceHash();
  const built = existsSync(path.join(root, 'apps/server/dist/main.js')) && existsSync(path.join(root, 'apps/web/dist/index.html'));
  if (built && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) return;
  console.log('› building web app and server…');
  const started = Date.now();
  run(npm, ['run', 'build']);
  writeFileSync(stamp, current);
  console.log(`› built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
