import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createLeadHookRequestSchema,
  errorBodySchema,
  leadAcceptedSchema,
  leadHookListSchema,
  leadHookRequestListSchema,
  leadHookRequestLogSchema,
  leadHookSchema,
  leadHookWithSecretSchema,
  rotateLeadHookRequestSchema,
  updateLeadHookRequestSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { LeadHooksService } from './lead-hooks.service.js';

const tags = ['lead-hooks'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const admins = { roles: ['admin'] } as const;
const byId = { ...admins, params: { id: 'leadHook' } } as const;
const requestParams = idParams.extend({ requestId: idParams.shape.id });

/** Admin routes: the hooks, their secrets and their request log. */
export const leadHooksRoutes: FastifyPluginAsyncZod<{ hooks: LeadHooksService }> = async (app, { hooks }) => {
  app.get(
    '/api/lead-hooks',
    { schema: { tags, summary: 'The company’s inbound lead webhooks', response: { 200: leadHookListSchema, ...errors } }, config: admins },
    async (request) => ({ items: await hooks.list(requireAuth(request)) }),
  );
  app.post(
    '/api/lead-hooks',
    {
      schema: {
        tags,
        summary: 'Create a lead hook; with requireSecret the answer carries the X-Jimmy-Secret value, shown only this once',
        body: createLeadHookRequestSchema,
        response: { 201: leadHookWithSecretSchema, ...errors },
      },
      config: admins,
    },
    async (request, reply) => reply.status(201).send(await hooks.create(requireAuth(request), request.body)),
  );
  app.get(
    '/api/lead-hooks/:id',
    { schema: { tags, summary: 'One lead hook', params: idParams, response: { 200: leadHookSchema, ...errors } }, config: byId },
    async (request) => hooks.get(requireAuth(request), request.params.id),
  );
  app.put(
    '/api/lead-hooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a lead hook: name, on/off, the mapping, the actions (only the fields given change)',
        params: idParams,
        body: updateLeadHookRequestSchema,
        response: { 200: leadHookSchema, ...errors },
      },
      config: byId,
    },
    async (request) => hooks.update(requireAuth(request), request.params.id, request.body),
  );
  app.delete(
    '/api/lead-hooks/:id',
    { schema: { tags, summary: 'Delete a lead hook and its log', params: idParams, response: { 204: z.null(), ...errors } }, config: byId },
    async (request, reply) => {
      await hooks.remove(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/lead-hooks/:id/rotate',
    {
      schema: {
        tags,
        summary: 'New URL key (the old URL stops at once) and, with requireSecret, a new X-Jimmy-Secret shown only this once',
        params: idParams,
        body: rotateLeadHookRequestSchema,
        response: { 200: leadHookWithSecretSchema, ...errors },
      },
      config: byId,
    },
    async (request) => hooks.rotate(requireAuth(request), request.params.id, request.body.requireSecret),
  );
  app.get(
    '/api/lead-hooks/:id/requests',
    {
      schema: {
        tags,
        summary: 'The requests the hook received, newest first, with their payload and outcome',
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: leadHookRequestListSchema, ...errors },
      },
      config: byId,
    },
    async (request) => ({ items: await hooks.requests(requireAuth(request), request.params.id, request.query.limit) }),
  );
  app.post(
    '/api/lead-hooks/:id/requests/:requestId/replay',
    {
      schema: {
        tags,
        summary: 'Run a logged request again through the current mapping and actions; answers the new log entry',
        params: requestParams,
        response: { 200: leadHookRequestLogSchema, ...errors },
      },
      config: { ...admins, params: { id: 'leadHook', requestId: 'leadHookRequest' } },
    },
    async (request) => hooks.replay(requireAuth(request), request.params.id, request.params.requestId),
  );
};

const MAX_LEAD_BYTES = 256 * 1024;

/**
 * The public endpoint. Its own encapsulated content-type parsing keeps the body as text, so JSON,
 * form data and a broken body all reach the service, which parses and logs each one.
 */
export const leadHookPublicRoutes: FastifyPluginAsyncZod<{ hooks: LeadHooksService; perMinute: number }> = async (
  app,
  { hooks, perMinute },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_LEAD_BYTES }, (_request, body, done) => done(null, body));
  // Website forms post from other origins with fetch: answer the preflight and let them read the result.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });
  const params = z.object({ key: z.string().min(1).max(100) });
  app.options('/hooks/leads/:key', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'content-type, x-jimmy-secret')
      .header('access-control-max-age', '600')
      .send(),
  );
  app.post(
    '/hooks/leads/:key',
    {
      schema: {
        tags,
        summary:
          'Inbound lead (public): JSON or application/x-www-form-urlencoded, mapped and filed by the hook’s settings; X-Jimmy-Secret when the hook asks for it',
        security: [],
        params,
        response: {
          202: leadAcceptedSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          415: errorBodySchema,
          422: errorBodySchema,
          429: errorBodySchema,
        },
      },
      config: {
        public: true,
        rateLimit: { max: perMinute, timeWindow: '1 minute', keyGenerator: (request) => `lead:${request.ip}:${request.url}` },
      },
    },
    async (request, reply) => {
      const result = await hooks.receive({
        key: request.params.key,
        contentType: request.headers['content-type'],
        raw: typeof request.body === 'string' ? request.body : '',
        headers: request.headers,
      });
      if ('body' in result) return reply.status(202).send(result.body);
      // Thrown, so the one error handler writes the one error shape.
      throw result.error;
    },
  );
};
