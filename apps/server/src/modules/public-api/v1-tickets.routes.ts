import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  queueSchema,
  tagListSchema,
  ticketListSchema,
  ticketSchema,
  v1CloseTicketRequestSchema,
  v1TicketListQuerySchema,
  v1TransferTicketRequestSchema,
} from '@jimmy/contracts';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { idParams } from '../../infra/http-params.js';
import { commit, done } from '../../infra/unit-of-work.js';
import type pg from 'pg';
import { requireAuth } from '../auth/index.js';
import type { QueuesService } from '../queues/index.js';
import type { SurveysService } from '../surveys/index.js';
import type { TagsService } from '../tags/index.js';
import type { TicketsService } from '../tickets/index.js';
import { curlAndJs } from './examples.js';

const tags = ['public API v1'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema };
const byId = { params: { id: 'ticket' } } as const;

export interface V1TicketsDeps {
  tickets: TicketsService;
  surveys: SurveysService;
  queues: QueuesService;
  tags: TagsService;
  unit: { pool: pg.Pool; events: EventBus; jobs: Pick<Jobs, 'nudge'> };
}

/** Tickets, queues and tags for integrators: the console's own services, behind the v1 shapes. */
export const v1TicketsRoutes: FastifyPluginAsyncZod<V1TicketsDeps> = async (app, { tickets, surveys, queues, tags: tagsService, unit }) => {
  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Tickets, newest activity first (scope tickets:read)',
        description: [
          'Filter by status, queue, connection, contact or tag; page with `cursor`.',
          '',
          curlAndJs('GET', '/api/v1/tickets?status=pending&limit=20'),
        ].join('\n'),
        querystring: v1TicketListQuerySchema,
        response: { 200: ticketListSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'tickets:read' },
    },
    async (request) => tickets.list(requireAuth(request), { ...request.query, tagMode: 'any' }),
  );
  app.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary: 'One ticket (scope tickets:read)',
        description: curlAndJs('GET', '/api/v1/tickets/7'),
        params: idParams,
        response: { 200: ticketSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'tickets:read', ...byId },
    },
    async (request) => tickets.get(requireAuth(request), request.params.id),
  );
  app.post(
    '/api/v1/tickets/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Move a ticket to a queue and/or an agent (scope tickets:write)',
        description: [
          '`userId: null` puts it back in the queue’s waiting list; `note` becomes a private note.',
          '',
          curlAndJs('POST', '/api/v1/tickets/7/transfer', { queueId: 2, note: 'Pedido de troca vindo da loja' }),
        ].join('\n'),
        params: idParams,
        body: v1TransferTicketRequestSchema,
        response: { 200: ticketSchema, ...errors, 409: errorBodySchema },
      },
      config: { roles: ['admin'], apiScope: 'tickets:write', ...byId },
    },
    async (request) => tickets.transfer(requireAuth(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tickets/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a ticket (scope tickets:write)',
        description: [
          'Closing a closed ticket changes nothing.',
          '',
          curlAndJs('POST', '/api/v1/tickets/7/close', { sendSurvey: false }),
        ].join('\n'),
        params: idParams,
        body: v1CloseTicketRequestSchema,
        response: { 200: ticketSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'tickets:write', ...byId },
    },
    async (request) => {
      const auth = requireAuth(request);
      const id = request.params.id;
      // As the console does: the close and the survey's question commit together.
      return commit(unit, async (client) => {
        const before = await tickets.get(auth, id, client);
        const closed = await tickets.closeIn(client, auth, id);
        if (before.status === 'closed') return closed;
        const survey = await surveys.sendIn(client, auth.companyId, closed.value, auth.userId, request.body?.sendSurvey);
        return done(survey.value?.ticket ?? closed.value, [...closed.events, ...survey.events], [...closed.wake, ...survey.wake]);
      });
    },
  );
  app.get(
    '/api/v1/queues',
    {
      schema: {
        tags,
        summary: 'The company’s queues, in menu order (scope tickets:read)',
        description: curlAndJs('GET', '/api/v1/queues'),
        response: { 200: z.object({ items: z.array(queueSchema) }), ...errors },
      },
      config: { roles: ['admin'], apiScope: 'tickets:read' },
    },
    async (request) => ({ items: await queues.list(requireAuth(request).companyId) }),
  );
  app.get(
    '/api/v1/tags',
    {
      schema: {
        tags,
        summary: 'The company’s tags, by name (scope contacts:read)',
        description: curlAndJs('GET', '/api/v1/tags'),
        response: { 200: tagListSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'contacts:read' },
    },
    async (request) => ({ items: await tagsService.list(requireAuth(request).companyId) }),
  );
};
