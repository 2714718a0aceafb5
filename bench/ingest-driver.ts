/**
 * The load generator of bench/ingest.ts, forked as its own process so that building, signing and
 * sending webhooks does not steal the server's event loop (it still shares the machine's cores).
 * The open-loop schedule and the messages are in lib-driver.ts.
 */
import http from 'node:http';
import { runIngestStep } from './lib-driver.js';
import type { DriverCommand, DriverConfig } from './lib-ingest.js';

let config: DriverConfig | undefined;
let agent: http.Agent | undefined;

process.on('message', (command: DriverCommand) => {
  if (command.type === 'config') {
    config = command;
    agent = new http.Agent({ keepAlive: true, maxSockets: command.maxInFlight });
    process.send?.({ type: 'ready' });
  } else if (command.type === 'step') {
    if (!config || !agent) throw new Error('step before config');
    runIngestStep(config, agent, command).then(
      (report) => process.send?.(report),
      (error: unknown) => process.send?.({ type: 'failed', error: String(error) }),
    );
  } else if (command.type === 'stop') {
    agent?.destroy();
    process.disconnect();
  }
});
// An orphaned driver (parent killed) must not keep hammering a port that may be reused.
process.on('disconnect', () => process.exit(0));
