/**
 * The load generator of bench/routing.ts, forked like ingest-driver.ts. It also hosts the fake Graph
 * API that the server sends its menus and greetings to, so that answering those sends does not run
 * on the server's event loop.
 */
import http from 'node:http';
import { startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import { cloudWebhook, percentileOf, runIngestStep, runOpenLoop } from './lib-driver.js';
import type { DriverConfig } from './lib-ingest.js';
import type { RoutingDriverCommand, ScriptCommand, ScriptReport } from './lib-routing.js';

let config: DriverConfig | undefined;
let agent: http.Agent | undefined;
let graph: FakeGraphServer | undefined;

async function runScript(cfg: DriverConfig, httpAgent: http.Agent, command: ScriptCommand): Promise<ScriptReport> {
  const result = await runOpenLoop({
    url: new URL('/webhooks/whatsapp', cfg.baseUrl),
    agent: httpAgent,
    appSecret: cfg.appSecret,
    rate: command.rate,
    count: command.messages.length,
    maxInFlight: cfg.maxInFlight,
    bodyOf: (seq, sentAt) => {
      const { from, id, message } = command.messages[seq]!;
      return cloudWebhook(cfg, from, id, sentAt, message);
    },
  });
  return {
    type: 'scriptDone',
    stepId: command.stepId,
    sent: result.sent,
    shed: result.shed,
    errors: result.errors,
    errorKinds: result.errorKinds,
    sentAt: result.sentAt,
    ackedAt: result.ackedAt,
    acked: result.ackedSeqs.length,
    elapsedMs: result.elapsedMs,
    httpP50: percentileOf(result.httpMs, 50),
    httpP95: percentileOf(result.httpMs, 95),
  };
}

function reply(work: Promise<object>) {
  work.then(
    (message) => process.send?.(message),
    (error: unknown) => process.send?.({ type: 'failed', error: String(error) }),
  );
}

process.on('message', (command: RoutingDriverCommand) => {
  switch (command.type) {
    case 'graph':
      reply(
        (async () => {
          graph = await startFakeGraphServer({
            accessToken: command.accessToken,
            phoneNumbers: { [command.phoneNumberId]: { displayPhoneNumber: '+55 11 90000-0000', verifiedName: 'Jimmy Bench' } },
          });
          return { type: 'graphReady', url: graph.url };
        })(),
      );
      break;
    case 'target':
      agent?.destroy();
      config = command.config;
      agent = new http.Agent({ keepAlive: true, maxSockets: config.maxInFlight });
      process.send?.({ type: 'ready' });
      break;
    case 'script':
      if (!config || !agent) throw new Error('script before target');
      reply(runScript(config, agent, command));
      break;
    case 'step':
      if (!config || !agent) throw new Error('step before target');
      reply(runIngestStep(config, agent, command));
      break;
    case 'graphStats': {
      const sent: Record<string, number> = {};
      for (const message of graph?.sentMessages() ?? []) sent[message.type] = (sent[message.type] ?? 0) + 1;
      process.send?.({ type: 'graphStats', sent });
      break;
    }
    case 'stop':
      agent?.destroy();
      void graph?.close().finally(() => process.disconnect());
      break;
  }
});
// An orphaned driver (parent killed) must not keep hammering a port that may be reused.
process.on('disconnect', () => process.exit(0));
