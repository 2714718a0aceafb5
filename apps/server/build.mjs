// Bundles the server into dist/main.js. Workspace packages (@jimmy/*) are TypeScript sources, so they
// are bundled in; everything from the registry stays an ordinary import resolved from node_modules.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !name.startsWith('@jimmy/'));

rmSync(path.join(here, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile: path.join(here, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: external.flatMap((name) => [name, `${name}/*`]),
  logLevel: 'warning',
});
// The web-chat widget runs on customers' sites: one self-contained browser bundle.
await build({
  entryPoints: [path.join(here, 'src/modules/webchat/widget/widget.ts')],
  outfile: path.join(here, 'dist/widget.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  logLevel: 'warning',
});
cpSync(path.join(here, 'drizzle'), path.join(here, 'dist/migrations'), { recursive: true });
console.log('server built: apps/server/dist/main.js');
