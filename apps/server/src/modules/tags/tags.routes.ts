import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addTicketTagRequestSchema,
  createTagRequestSchema,
  errorBodySchema,
  tagListSchema,
  tagSchema,
  ticketSchema,
  updateTagRequestSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { TagsService } from './tags.service.js';

const tags = ['tags'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const byId = { params: { id: 'tag' } } as const;
const ticketTagParams = idParams.extend({ tagId: idParams.shape.id });

export const tagsRoutes: FastifyPluginAsyncZod<{ tags: TagsService }> = async (app, { tags: service }) => {
  app.get(
    '/api/tags',
    {
      // Everyone reads them: the tag picker, the ticket list's filter and the contacts page use them.
      schema: { tags, summary: 'The company’s tags, by name', response: { 200: tagListSchema } },
    },
    async (request) => ({ items: await service.list(requireAuth(request).companyId) }),
  );
  app.post(
    '/api/tags',
    {
      schema: {
        tags,
        summary: 'Create a tag (names are unique, ignoring case)',
        body: createTagRequestSchema,
        response: { 201: tagSchema, ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request, reply) => reply.status(201).send(await service.create(requireAuth(request), request.body)),
  );
  app.put(
    '/api/tags/:id',
    {
      schema: {
        tags,
        summary: 'Rename or recolour a tag (only the fields given change)',
        params: idParams,
        body: updateTagRequestSchema,
        response: { 200: tagSchema, ...errors },
      },
      config: { roles: ['admin'], ...byId },
    },
    async (request) => service.update(requireAuth(request), request.params.id, request.body),
  );
  app.delete(
    '/api/tags/:id',
    {
      schema: {
        tags,
        summary: 'Delete a tag: it leaves every ticket and contact, its rules and its lane go',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
      config: { roles: ['admin'], ...byId },
    },
    async (request, reply) => {
      await service.remove(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/tickets/:id/tags',
    {
      schema: {
        tags,
        summary: 'Tag a ticket you can see (again: no change); answers the ticket',
        params: idParams,
        body: addTicketTagRequestSchema,
        response: { 200: ticketSchema, ...errors },
      },
      config: { params: { id: 'ticket' } },
    },
    async (request) => service.tagTicket(requireAuth(request), request.params.id, request.body.tagId),
  );
  app.delete(
    '/api/tickets/:id/tags/:tagId',
    {
      schema: {
        tags,
        summary: 'Take a tag off a ticket you can see; answers the ticket',
        params: ticketTagParams,
        response: { 200: ticketSchema, ...errors },
      },
      config: { params: { id: 'ticket', tagId: 'tag' } },
    },
    async (request) => service.untagTicket(requireAuth(request), request.params.id, request.params.tagId),
  );
};
