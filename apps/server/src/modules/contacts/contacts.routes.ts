import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactHistorySchema, contactListSchema, contactSchema, errorBodySchema, updateContactRequestSchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { TicketsService } from '../tickets/index.js';
import type { ContactsService } from './contacts.service.js';
import { idParams } from '../../infra/http-params.js';

const tags = ['contacts'];
const errors = { 400: errorBodySchema, 404: errorBodySchema };
const byId = { params: { id: 'contact' } } as const;

export const contactsRoutes: FastifyPluginAsyncZod<{ contacts: ContactsService; tickets: TicketsService }> = async (
  app,
  { contacts, tickets },
) => {
  app.get(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts, searchable by name, email or number',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          cursor: z.string().max(30).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: contactListSchema },
      },
    },
    async (request) => contacts.list(requireAuth(request).companyId, request.query),
  );
  app.get(
    '/api/contacts/:id',
    { schema: { tags, summary: 'One contact', params: idParams, response: { 200: contactSchema, ...errors } }, config: byId },
    async (request) => contacts.get(requireAuth(request).companyId, request.params.id),
  );
  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: "Edit a contact's name, email, phone or custom fields",
        params: idParams,
        body: updateContactRequestSchema,
        response: { 200: contactSchema, ...errors },
      },
      config: byId,
    },
    async (request) => contacts.update(requireAuth(request).companyId, request.params.id, request.body),
  );
  app.get(
    '/api/contacts/:id/history',
    {
      schema: {
        tags,
        summary: 'Every ticket of the contact the caller may see, newest first',
        params: idParams,
        response: { 200: contactHistorySchema, ...errors },
      },
      config: byId,
    },
    async (request) => {
      const auth = requireAuth(request);
      await contacts.get(auth.companyId, request.params.id);
      return { items: await tickets.history(auth, request.params.id) };
    },
  );
};
