/**
 * The load generator of bench/webhooks.ts: the ingest traffic of bench/ingest.ts, plus the local
 * receiver the 10 subscriptions post to, so that receiving does not run on the server's event loop.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runIngestStep, wallClock } from './lib-driver.js';
import { SEND_TIME_PATTERN, type DriverConfig } from './lib-ingest.js';
import type { ReceiverStats, WebhooksDriverCommand } from './lib-webhooks.js';

let config: DriverConfig | undefined;
let agent: http.Agent | undefined;
let receiver: http.Server | undefined;
let stats: Omit<ReceiverStats, 'type'> = { received: 0, latencies: [], bySubscription: {}, duplicates: 0 };
const seen = new Set<string>();

function startReceiver(): Promise<string> {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const now = wallClock();
      res.writeHead(204).end();
      const delivery = String(req.headers['x-jimmy-delivery']);
      if (seen.has(delivery)) stats.duplicates++;
      seen.add(delivery);
      stats.received++;
      const subscription = req.url?.split('/').pop() ?? '?';
      stats.bySubscription[subscription] = (stats.bySubscription[subscription] ?? 0) + 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { message?: { body?: string } } };
      const sentAt = SEND_TIME_PATTERN.exec(body.data?.message?.body ?? '')?.[1];
      if (sentAt) stats.latencies.push(now - Number(sentAt));
    });
  });
  receiver.keepAliveTimeout = 5_000;
  return new Promise((resolve) =>
    receiver!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(receiver!.address() as AddressInfo).port}/hook`)),
  );
}

process.on('message', (command: WebhooksDriverCommand) => {
  switch (command.type) {
    case 'config':
      agent?.destroy();
      config = command;
      agent = new http.Agent({ keepAlive: true, maxSockets: command.maxInFlight });
      process.send?.({ type: 'ready' });
      break;
    case 'step':
      if (!config || !agent) throw new Error('step before config');
      runIngestStep(config, agent, command).then(
        (report) => process.send?.(report),
        (error: unknown) => process.send?.({ type: 'failed', error: String(error) }),
      );
      break;
    case 'receiver':
      void startReceiver().then((url) => process.send?.({ type: 'receiverReady', url }));
      break;
    case 'receiverStats':
      process.send?.({ type: 'receiverStats', ...stats } satisfies ReceiverStats);
      if (command.reset) stats = { received: 0, latencies: [], bySubscription: {}, duplicates: 0 };
      break;
    case 'stop':
      agent?.destroy();
      receiver?.closeAllConnections();
      receiver?.close();
      process.disconnect();
      break;
  }
});
// An orphaned driver (parent killed) must not keep hammering a port that may be reused.
process.on('disconnect', () => process.exit(0));
