import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema, queueSchema, reorderQueuesRequestSchema, upsertQueueRequestSchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { QueuesService } from './queues.service.js';
import { idParams } from '../../infra/http-params.js';

const tags = ['queues'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

export const queuesRoutes: FastifyPluginAsyncZod<{ queues: QueuesService }> = async (app, { queues }) => {
  app.get(
    '/api/queues',
    {
      schema: {
        tags,
        // Every signed-in user: the transfer dialog and the console filters list them.
        summary: 'Queues (departments) of the company, in their order',
        response: { 200: z.object({ items: z.array(queueSchema) }) },
      },
    },
    async (request) => ({
      items: await queues.list(requireAuth(request).companyId),
    }),
  );
  app.post(
    '/api/queues',
    {
      schema: {
        tags,
        summary: 'Create a queue (at the end of the list) and set its agents',
        body: upsertQueueRequestSchema,
        response: { 201: queueSchema, ...errors },
      },
      config: { limit: 'queues', roles: ['admin'] },
    },
    async (request, reply) => reply.status(201).send(await queues.create(requireAuth(request), request.body)),
  );
  app.put(
    '/api/queues/order',
    {
      schema: {
        tags,
        summary: 'Reorder the queues: every queue id of the company, in the new order',
        body: reorderQueuesRequestSchema,
        response: { 200: z.object({ items: z.array(queueSchema) }), ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request) => ({ items: await queues.reorder(requireAuth(request), request.body.ids) }),
  );
  app.put(
    '/api/queues/:id',
    {
      schema: {
        tags,
        summary: 'Replace a queue: name, colour, greeting, assignment mode, hours and agents',
        params: idParams,
        body: upsertQueueRequestSchema,
        response: { 200: queueSchema, ...errors },
      },
      config: { roles: ['admin'], params: { id: 'queue' } },
    },
    async (request) => queues.update(requireAuth(request), request.params.id, request.body),
  );
  app.delete(
    '/api/queues/:id',
    {
      schema: {
        tags,
        summary: 'Delete a queue; its tickets keep going without a queue, connection menus and the fallback setting drop it',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
      config: { roles: ['admin'], params: { id: 'queue' } },
    },
    async (request, reply) => {
      await queues.remove(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
