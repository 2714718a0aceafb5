// `npm run test:e2e`: build, start the real server on a free port with a fresh embedded database,
// and drive it with Debian's Chromium through playwright-core. Screenshots land in e2e/artifacts/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, ensureInstalled, root, run } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log('› installing Debian chromium…');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium']);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitReady(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not ready within ${timeoutMs / 1000} s`);
}

ensureInstalled();
ensureChromium();
ensureBuilt();

const port = await freePort();
// The browser tests run a fake Graph API on this port (e2e/conversation.e2e.ts); the server calls it
// instead of Meta, exactly as it would call graph.facebook.com.
const fakeGraphPort = await freePort();
// The site's analytics loader points here (e2e/site.e2e.ts serves it), so a browser request to it can be observed.
const fakeAnalyticsPort = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-e2e-'));
// Every mail the server sends is appended here too, so e2e/signup.e2e.ts can open the verification link.
const mailLog = path.join(dataDir, 'mail.jsonl');
mkdirSync(path.join(root, 'e2e/artifacts'), { recursive: true });
const server = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'apps/server/dist/main.js')], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: baseUrl,
    WHATSAPP_GRAPH_URL: `http://127.0.0.1:${fakeGraphPort}`,
    // QR connections talk to the offline stand-in: a QR that rotates every 2.5 s and is never scanned.
    WHATSAPP_WEB_SOCKET: 'fake',
    WHATSAPP_WEB_FAKE_QR_MS: '2500',
    // Every scenario signs the demo admin in from 127.0.0.1; the default 10 a minute is for real users.
    LOGIN_RATE_LIMIT: '100',
    // Flow HTTP and AI nodes in the scenarios call fakes on 127.0.0.1, which the SSRF guard refuses by default.
    ALLOW_PRIVATE_NETWORK_CALLS: 'true',
    SITE_ANALYTICS_ID: 'e2e.jimmy.test',
    SITE_ANALYTICS_SRC: `http://127.0.0.1:${fakeAnalyticsPort}/js/script.js`,
    MAIL_LOG_FILE: mailLog,
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let status = 1;
try {
  await waitReady(baseUrl, server);
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: baseUrl,
        CHROMIUM_PATH: CHROMIUM,
        FAKE_GRAPH_PORT: String(fakeGraphPort),
        FAKE_ANALYTICS_PORT: String(fakeAnalyticsPort),
        E2E_MAIL_LOG: mailLog,
      },
    },
  );
  status = result.status ?? 1;
} finally {
  server.kill('SIGTERM');
  const code = await new Promise((resolve) => (server.exitCode !== null ? resolve(server.exitCode) : server.on('exit', resolve)));
  if (code !== 0 && status === 0) {
    console.error(`server did not stop cleanly on SIGTERM (exit ${code})`);
    status = 1;
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
