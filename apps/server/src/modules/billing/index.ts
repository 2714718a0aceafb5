import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.js';
import type { Jobs } from '../../infra/jobs.js';
import { AsaasGateway } from './asaas.gateway.js';
import { billingHookRoutes, billingRoutes } from './billing.routes.js';
import { BillingService, type BillingDeps } from './billing.service.js';
import type { PaymentGateway } from './gateway.js';
import { ManualGateway } from './manual.gateway.js';

export { BillingService } from './billing.service.js';
export type { PaymentGateway } from './gateway.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    'billing.dunning': Record<string, never>;
  }
}

const DUNNING_EVERY_MS = 60 * 60_000;

function gatewayFrom(config: Pick<Config, 'BILLING_GATEWAY' | 'ASAAS_URL' | 'ASAAS_API_KEY' | 'ASAAS_WEBHOOK_TOKEN'>): PaymentGateway {
  if (config.BILLING_GATEWAY === 'asaas') {
    // loadConfig refuses asaas without both.
    return new AsaasGateway({ url: config.ASAAS_URL, apiKey: config.ASAAS_API_KEY!, webhookToken: config.ASAAS_WEBHOOK_TOKEN! });
  }
  return new ManualGateway();
}

/**
 * Billing (SAAS=on only): the company's and the platform's routes, the gateway's webhook and the
 * hourly dunning job, which reschedules itself first so that a failing pass never ends the chain.
 */
export async function registerBilling(
  http: FastifyInstance,
  deps: Omit<BillingDeps, 'gateway'> & { jobs: Jobs; gateway?: PaymentGateway; config: Config },
): Promise<BillingService> {
  const { jobs, config, ...rest } = deps;
  const billing = new BillingService({ ...rest, gateway: deps.gateway ?? gatewayFrom(config) });
  await http.register(billingRoutes, { billing });
  await http.register(billingHookRoutes, { billing });
  const log = deps.logger.child({ component: 'billing' });
  const next = () => jobs.send('billing.dunning', {}, { startAfter: Date.now() + DUNNING_EVERY_MS, singletonKey: 'dunning' });
  await jobs.register(
    'billing.dunning',
    async () => {
      await next();
      const result = await billing.dunning();
      if (result.created + result.reminded + result.readOnly > 0) log.info(result, 'dunning pass');
    },
    { retryLimit: 2, policy: 'stately' },
  );
  await next();
  return billing;
}
