// `npm run dev`: the server with tsx watch (port 3000) and Vite with hot reload (port 5173, proxying
// /api and /socket.io to the server). Open http://localhost:5173.
import { spawn } from 'node:child_process';
import { ensureInstalled, root } from './lib.mjs';

ensureInstalled();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const children = [
  spawn(npm, ['run', 'dev', '--workspace', '@jimmy/server'], {
    stdio: 'inherit',
    cwd: root,
    env: { NODE_ENV: 'development', ...process.env },
  }),
  spawn(npm, ['run', 'dev', '--workspace', '@jimmy/web'], { stdio: 'inherit', cwd: root }),
];
const stop = (signal) => children.forEach((child) => child.kill(signal));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children)
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exit(code ?? 0);
  });
