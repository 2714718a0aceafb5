// `npm run audit`: production dependencies with no high or critical advisory.
// npm's advisory endpoint is a POST; a network that only lets GET through to the registry answers
// 405 and npm prints an error object instead of a report. That is "could not check", not "clean":
// say so loudly, and fail only when AUDIT_REQUIRED=true (set it where the registry is reachable).
import { spawnSync } from 'node:child_process';
import { judgeAuditOutput } from './audit-report.mjs';
import { root } from './lib.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8' });
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(result.stdout, result.stderr);
  console.error('✖ npm audit printed no JSON report');
  process.exit(1);
}

const verdict = judgeAuditOutput(report);
if (verdict.kind === 'unreachable') {
  const required = process.env.AUDIT_REQUIRED === 'true';
  console.warn(`${required ? '✖' : '⚠'} npm audit could not reach the advisory database: ${verdict.reason}`);
  process.exit(required ? 1 : 0);
}
console.log(`npm audit (production dependencies): ${verdict.summary}`);
for (const line of verdict.blocking) console.error(`  ✖ ${line}`);
process.exit(verdict.blocking.length > 0 ? 1 : 0);
