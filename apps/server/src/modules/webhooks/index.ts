import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { SecretBox } from '../../infra/crypto.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { OutboundHttp } from '../../infra/outbound-http.js';
import { DeliveryPump, type DeliveryTimings } from './webhooks.delivery.js';
import { RelayLoop } from './webhooks.loop.js';
import type { Notices } from './webhooks.notice.js';
import { webhooksRoutes } from './webhooks.routes.js';
import { WebhooksService } from './webhooks.service.js';

export { recordWebhookEvent, outboxInsertSql } from './webhooks.outbox.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** Sends a subscription's due deliveries (stately: one running, one waiting per subscription). */
    'webhooks.pump': { subscriptionId: number };
    /** A retry's timer: starts a pump when the earliest failed delivery is due again. */
    'webhooks.wake': { subscriptionId: number };
  }
}

/** Outbound webhooks, wired in one call: admin routes, the relay (rows → deliveries) and the delivery jobs. */
export async function registerWebhooks(
  http: FastifyInstance,
  deps: {
    pool: pg.Pool;
    jobs: Jobs;
    events: EventBus;
    box: SecretBox;
    outboundHttp: OutboundHttp;
    logger: Logger;
    /** Where the notice of a switched-off subscription goes (the notes module's notifications). */
    notices: Notices;
    allowPrivate: boolean;
    timings: DeliveryTimings;
    relayIntervalMs: number;
  },
): Promise<{ stop(): Promise<void> }> {
  const logger = deps.logger.child({ component: 'webhooks' });
  const pump = new DeliveryPump({ ...deps, http: deps.outboundHttp, logger });
  await deps.jobs.register('webhooks.pump', ({ subscriptionId }) => pump.pump(subscriptionId), {
    concurrency: 10,
    policy: 'stately',
    retryLimit: 3,
  });
  await deps.jobs.register('webhooks.wake', async ({ subscriptionId }) => {
    await deps.jobs.send('webhooks.pump', { subscriptionId }, { singletonKey: String(subscriptionId) });
  });
  const service = new WebhooksService({ pool: deps.pool, box: deps.box, jobs: deps.jobs, allowPrivate: deps.allowPrivate });
  await http.register(webhooksRoutes, { webhooks: service });
  const relay = new RelayLoop({ pool: deps.pool, jobs: deps.jobs, logger, intervalMs: deps.relayIntervalMs });
  // Local changes only shorten the wait; the rows are the source, so a missed hint delays, never loses.
  const hints = (['message.created', 'message.updated', 'ticket.created', 'ticket.updated', 'contact.changed'] as const).map((event) =>
    deps.events.subscribe(event, () => relay.nudge()),
  );
  await relay.start();
  return {
    async stop() {
      for (const unsubscribe of hints) unsubscribe();
      await relay.stop();
    },
  };
}
