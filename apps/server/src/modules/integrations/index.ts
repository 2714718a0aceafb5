import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { SecretBox } from '../../infra/crypto.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { OutboundHttp } from '../../infra/outbound-http.js';
import type { AiClient } from '../flows/index.js';
import type { NoteWriter } from '../notes/index.js';
import { AiAssistService } from './ai-assist.service.js';
import { integrationsRoutes } from './integrations.routes.js';
import { createTypebotClient } from './typebot-client.js';
import { TypebotRelay, type TypebotRelayDeps } from './typebot-relay.js';
import { TypebotSettingsService } from './typebot-settings.js';

interface IntegrationsDeps extends Omit<TypebotRelayDeps, 'client'> {
  pool: pg.Pool;
  box: SecretBox;
  http: OutboundHttp;
  events: EventBus;
  jobs: Jobs;
  logger: Logger;
  ai: AiClient;
  notes: Pick<NoteWriter, 'addUnmentionedIn'>;
  typebotTimeoutMs: number;
}

/**
 * The integrations page's server side: AI assist in the console and the Typebot relay. Created
 * before the inbound runner (which hands bot tickets' lines to the relay), routes registered later.
 */
export async function createIntegrations(deps: IntegrationsDeps): Promise<{
  typebot: TypebotRelay;
  registerRoutes(http: FastifyInstance): Promise<void>;
}> {
  const typebot = new TypebotRelay({
    ...deps,
    client: createTypebotClient({ http: deps.http, box: deps.box, timeoutMs: deps.typebotTimeoutMs }),
  });
  await typebot.register();
  const assist = new AiAssistService({
    pool: deps.pool,
    events: deps.events,
    jobs: deps.jobs,
    ai: deps.ai,
    tickets: deps.tickets,
    notes: deps.notes,
  });
  const typebotSettings = new TypebotSettingsService(deps.pool, deps.box);
  return {
    typebot,
    async registerRoutes(http) {
      await http.register(integrationsRoutes, { pool: deps.pool, assist, typebot, typebotSettings });
    },
  };
}
