/**
 * Child process of the qr-memory benchmark: opens N real Baileys sockets (makeWASocket, the
 * production factory's options) against a local WebSocket server that accepts and stays silent, so
 * each socket holds what it holds while waiting for WhatsApp's handshake: the WebSocket, the noise
 * handler, its caches, the event buffer and the Signal repository over a real auth state. Prints
 * its resident memory as one JSON line. Offline: nothing leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { WebSocketServer } from 'ws';
import { initAuthCreds, makeWASocket } from '../packages/channels/src/whatsapp-web/baileys.js';
import { loadAuthState, MemoryAuthStore } from '../packages/channels/src/whatsapp-web/authState.js';

const count = Number(process.argv[2] ?? 0);
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };
let accepted = 0;
server.on('connection', () => accepted++);

const logger = pino({ level: 'silent' });
const sockets: Array<ReturnType<typeof makeWASocket>> = [];
for (let i = 0; i < count; i++) {
  const store = new MemoryAuthStore();
  await store.writeCreds(JSON.stringify(initAuthCreds()));
  const { state } = await loadAuthState(store);
  sockets.push(
    makeWASocket({
      auth: state,
      logger,
      waWebSocketUrl: `ws://127.0.0.1:${port}`,
      connectTimeoutMs: 600_000,
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldSyncHistoryMessage: () => false,
      printQRInTerminal: false,
    }),
  );
}
const deadline = Date.now() + 20_000;
while (accepted < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
await new Promise((resolve) => setTimeout(resolve, 3_000));
const samples: number[] = [];
for (let i = 0; i < 6; i++) {
  samples.push(rssMb());
  await new Promise((resolve) => setTimeout(resolve, 500));
}
samples.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ sockets: count, connected: accepted, rssMb: Math.round(samples[3]! * 10) / 10 })}\n`);
for (const socket of sockets) socket.end(undefined);
server.close();
process.exit(0);
