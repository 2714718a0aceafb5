import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import {
  createFlowRequestSchema,
  errorBodySchema,
  flowAnalyticsQuerySchema,
  flowAnalyticsSchema,
  flowDetailSchema,
  flowListSchema,
  flowVersionListSchema,
  flowVersionSchema,
  updateFlowRequestSchema,
} from '@jimmy/contracts';
import { invalid } from '../../infra/errors.js';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { flowAnalytics } from './flow-reports.js';
import type { FlowsService } from './flows.service.js';

const tags = ['flows'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema };
/** Building bots is a manager's job: admins and supervisors; agents get 403. */
const managers = { roles: ['admin', 'supervisor'] } as const;
const byId = { ...managers, params: { id: 'flow' } } as const;
const versionParams = idParams.extend({ versionId: idParams.shape.id });

const DAY_MS = 86_400_000;
const MAX_PERIOD_DAYS = 366;

export const flowsRoutes: FastifyPluginAsyncZod<{ flows: FlowsService; pool: pg.Pool }> = async (app, { flows, pool }) => {
  app.get(
    '/api/flows',
    { schema: { tags, summary: 'The company’s flows, by name', response: { 200: flowListSchema, ...errors } }, config: managers },
    async (request) => ({ items: await flows.list(requireAuth(request).companyId) }),
  );
  app.post(
    '/api/flows',
    {
      schema: {
        tags,
        summary:
          'Create a flow: a draft with one Start node, or an import of an exported flow (`graph`, the `draft` of GET /api/flows/:id)',
        body: createFlowRequestSchema,
        response: { 201: flowDetailSchema, ...errors },
      },
      config: { ...managers, limit: 'flows' },
    },
    async (request, reply) => reply.status(201).send(await flows.create(requireAuth(request), request.body)),
  );
  app.get(
    '/api/flows/:id',
    {
      schema: {
        tags,
        summary: 'One flow with its draft graph (also the export: `draft` imports back as POST /api/flows `graph`)',
        params: idParams,
        response: { 200: flowDetailSchema, ...errors },
      },
      config: byId,
    },
    async (request) => flows.get(requireAuth(request).companyId, request.params.id),
  );
  app.put(
    '/api/flows/:id',
    {
      schema: {
        tags,
        summary: 'Autosave: name, description and the draft (must be a flow graph; need not be publishable)',
        params: idParams,
        body: updateFlowRequestSchema,
        response: { 200: flowDetailSchema, ...errors },
      },
      config: byId,
    },
    async (request) => flows.update(requireAuth(request), request.params.id, request.body),
  );
  app.delete(
    '/api/flows/:id',
    {
      schema: {
        tags,
        summary: 'Delete a flow; refused (409 FLOW_IN_USE) while a connection runs it',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
      config: byId,
    },
    async (request, reply) => {
      await flows.remove(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/flows/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft as the next version; 422 FLOW_INVALID with `details.problems` when it cannot run',
        params: idParams,
        response: { 201: flowVersionSchema, ...errors },
      },
      config: byId,
    },
    async (request, reply) => reply.status(201).send(await flows.publish(requireAuth(request), request.params.id)),
  );
  app.get(
    '/api/flows/:id/versions',
    {
      schema: { tags, summary: 'Published versions, newest first', params: idParams, response: { 200: flowVersionListSchema, ...errors } },
      config: byId,
    },
    async (request) => ({ items: await flows.versions(requireAuth(request).companyId, request.params.id) }),
  );
  app.post(
    '/api/flows/:id/versions/:versionId/restore',
    {
      schema: {
        tags,
        summary: 'Copy a version’s graph into the draft (publish again to run it)',
        params: versionParams,
        response: { 200: flowDetailSchema, ...errors },
      },
      config: { ...managers, params: { id: 'flow', versionId: 'flowVersion' } },
    },
    async (request) => flows.restore(requireAuth(request), request.params.id, request.params.versionId),
  );
  app.get(
    '/api/flows/:id/analytics',
    {
      schema: {
        tags,
        summary: 'Per node, sessions that reached it and that stopped there, in [from, to) (default the last 7 days)',
        params: idParams,
        querystring: flowAnalyticsQuerySchema,
        response: { 200: flowAnalyticsSchema, ...errors },
      },
      config: byId,
    },
    async (request) => {
      const auth = requireAuth(request);
      await flows.get(auth.companyId, request.params.id);
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 7 * DAY_MS);
      if (from >= to) throw invalid({ from: 'must be before to' });
      if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw invalid({ from: `at most ${MAX_PERIOD_DAYS} days before to` });
      return flowAnalytics(pool, auth.companyId, request.params.id, from, to);
    },
  );
};
