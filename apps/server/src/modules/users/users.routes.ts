import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUserRequestSchema,
  errorBodySchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
  userListSchema,
  userSchema,
} from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { UsersService } from './users.service.js';
import { idParams } from '../../infra/http-params.js';

const tags = ['users'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/api/users',
    { schema: { tags, summary: "The company's users", response: { 200: userListSchema } }, config: { roles: ['admin', 'supervisor'] } },
    async (request) => ({ items: await users.list(requireAuth(request)) }),
  );

  app.get(
    '/api/users/:id',
    {
      schema: { tags, summary: 'One user', params: idParams, response: { 200: userSchema, ...errors } },
      config: { roles: ['admin', 'supervisor'], params: { id: 'user' } },
    },
    async (request) => users.get(requireAuth(request), request.params.id),
  );

  app.post(
    '/api/users',
    {
      schema: { tags, summary: 'Create a user in your company', body: createUserRequestSchema, response: { 201: userSchema, ...errors } },
      config: { limit: 'users', roles: ['admin'] },
    },
    async (request, reply) => reply.status(201).send(await users.create(requireAuth(request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit name, email, role or active flag (deactivating signs the user out)',
        params: idParams,
        body: updateUserRequestSchema,
        response: { 200: userSchema, ...errors },
      },
      config: { roles: ['admin'], params: { id: 'user' } },
    },
    async (request) => users.update(requireAuth(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags,
        summary: "Set a user's password; their sessions are signed out",
        params: idParams,
        body: resetPasswordRequestSchema,
        response: { 204: z.null(), ...errors },
      },
      config: { roles: ['admin'], params: { id: 'user' } },
    },
    async (request, reply) => {
      await users.resetPassword(requireAuth(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
};
