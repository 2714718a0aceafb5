import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokenListSchema, createApiTokenRequestSchema, createdApiTokenSchema, errorBodySchema } from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { ApiTokensService } from './api-tokens.service.js';

const tags = ['api-tokens'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Admins manage their company's keys for the public API (docs/api.md). No apiScope: tokens cannot mint tokens. */
export const apiTokensRoutes: FastifyPluginAsyncZod<{ tokens: ApiTokensService }> = async (app, { tokens }) => {
  app.get(
    '/api/api-tokens',
    {
      schema: {
        tags,
        summary: 'The company’s API tokens (never the tokens themselves), live ones first',
        response: { 200: apiTokenListSchema },
      },
      config: { roles: ['admin'] },
    },
    async (request) => ({ items: await tokens.list(requireAuth(request)) }),
  );
  app.post(
    '/api/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the answer holds the token, shown this once (only its hash is kept)',
        body: createApiTokenRequestSchema,
        response: { 201: createdApiTokenSchema, ...errors },
      },
      config: { limit: 'apiAccess', roles: ['admin'] },
    },
    async (request, reply) => reply.status(201).send(await tokens.create(requireAuth(request), request.body)),
  );
  app.delete(
    '/api/api-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token: every request bearing it is refused from now on (401)',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
      config: { roles: ['admin'], params: { id: 'apiToken' } },
    },
    async (request, reply) => {
      await tokens.revoke(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
