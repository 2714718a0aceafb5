import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import { ApiTokensRepository, ApiTokensService, apiTokensRoutes } from '../api-tokens/index.js';
import type { ContactsService } from '../contacts/index.js';
import type { MessagesService } from '../messages/index.js';
import type { OutreachService } from '../outreach/index.js';
import type { QueuesService } from '../queues/index.js';
import type { SurveysService } from '../surveys/index.js';
import type { TagsService } from '../tags/index.js';
import type { TicketsService } from '../tickets/index.js';
import { installIdempotency } from './idempotency.js';
import { v1ContactsRoutes } from './v1-contacts.routes.js';
import { v1MessagesRoutes } from './v1-messages.routes.js';
import { v1TicketsRoutes } from './v1-tickets.routes.js';

/**
 * The API tokens, built before the auth guard (which authenticates them) and after
 * @fastify/rate-limit (whose limiter, keyed by token id, throttles each one).
 */
export function createApiTokens(http: FastifyInstance, deps: { pool: pg.Pool; logger: Logger; perMinute: number }): ApiTokensService {
  const throttle = http.rateLimit({
    max: deps.perMinute,
    timeWindow: 60_000,
    // The guard runs this only for a request it authenticated with a token.
    keyGenerator: (request) => `api-token:${request.auth?.apiToken?.id ?? 'none'}`,
  });
  return new ApiTokensService({
    repo: new ApiTokensRepository(deps.pool),
    throttle: async (request, reply) => {
      await throttle.call(http, request, reply);
    },
    onTouchError: (error) => deps.logger.warn({ err: error }, 'recording an API token’s last use failed'),
  });
}

export interface PublicApiDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Jobs;
  apiTokens: ApiTokensService;
  outreach: OutreachService;
  messages: MessagesService;
  tickets: TicketsService;
  surveys: SurveysService;
  queues: QueuesService;
  tags: TagsService;
  contacts: ContactsService;
}

/** The admins' token routes and the public API v1 (docs/api.md), every POST of it idempotent by key. */
export async function registerPublicApi(http: FastifyInstance, deps: PublicApiDeps): Promise<void> {
  await http.register(apiTokensRoutes, { tokens: deps.apiTokens });
  await http.register(async (v1) => {
    installIdempotency(v1, deps.pool);
    await v1.register(v1MessagesRoutes, { outreach: deps.outreach, messages: deps.messages });
    await v1.register(v1TicketsRoutes, {
      tickets: deps.tickets,
      surveys: deps.surveys,
      queues: deps.queues,
      tags: deps.tags,
      unit: { pool: deps.pool, events: deps.events, jobs: deps.jobs },
    });
    await v1.register(v1ContactsRoutes, { contacts: deps.contacts, events: deps.events });
  });
}
