// `npm run check`: the static checks CI runs before any test, each timed, stopping at the first failure.
import { spawnSync } from 'node:child_process';
import { ensureInstalled, root } from './lib.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const checks = [
  ['typecheck', 'strict TypeScript over every workspace'],
  ['lint', 'ESLint (type-aware rules, React hooks)'],
  ['format:check', 'Prettier: every file formatted'],
  ['knip', 'no unused files, exports or dependencies'],
  ['check:cycles', 'no import cycle'],
  ['audit', 'no high or critical advisory in production dependencies'],
];

ensureInstalled();
const timings = [];
for (const [script, what] of checks) {
  console.log(`› ${script}: ${what}`);
  const started = Date.now();
  const result = spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  timings.push(`${script} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`✖ ${script} failed (${what}). Fix it, or run \`npm run format\` for formatting.`);
    process.exit(result.status ?? 1);
  }
}
console.log(`✔ static checks passed: ${timings.join(', ')}`);
