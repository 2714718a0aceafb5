import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  contactListQuerySchema,
  contactListSchema,
  contactSchema,
  errorBodySchema,
  v1CreateContactRequestSchema,
  v1UpdateContactRequestSchema,
} from '@jimmy/contracts';
import type { EventBus } from '../../infra/events.js';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { ContactsService } from '../contacts/index.js';
import { curlAndJs } from './examples.js';

const tags = ['public API v1'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema };
const byId = { params: { id: 'contact' } } as const;

/** Contacts with their tags and custom fields, for integrators (CRMs, shops). */
export const v1ContactsRoutes: FastifyPluginAsyncZod<{ contacts: ContactsService; events: EventBus }> = async (
  app,
  { contacts, events },
) => {
  const changed = (companyId: number, contactId: number) => events.publish('contact.changed', { companyId, contactId });

  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts, newest first (scope contacts:read)',
        description: [
          'Search by name, e-mail or number with `q`; filter by `tagIds=1,2` (`tagMode` any|all).',
          '',
          curlAndJs('GET', '/api/v1/contacts?q=maria'),
        ].join('\n'),
        querystring: contactListQuerySchema,
        response: { 200: contactListSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'contacts:read' },
    },
    async (request) => contacts.list(requireAuth(request).companyId, request.query),
  );
  app.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'One contact (scope contacts:read)',
        description: curlAndJs('GET', '/api/v1/contacts/3'),
        params: idParams,
        response: { 200: contactSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'contacts:read', ...byId },
    },
    async (request) => contacts.get(requireAuth(request).companyId, request.params.id),
  );
  app.post(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Create a contact (scope contacts:write)',
        description: [
          'The number must be new to the company (`409 CONTACT_EXISTS` otherwise: find it with `GET /api/v1/contacts?q=<number>`).',
          '',
          curlAndJs('POST', '/api/v1/contacts', {
            name: 'Maria Souza',
            phone: '+5511912345678',
            customFields: { plano: 'Pro' },
            tagIds: [1],
          }),
        ].join('\n'),
        body: v1CreateContactRequestSchema,
        response: { 201: contactSchema, ...errors, 409: errorBodySchema },
      },
      config: { roles: ['admin'], apiScope: 'contacts:write' },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const contact = await contacts.create(auth.companyId, auth.userId, request.body);
      changed(auth.companyId, contact.id);
      return reply.status(201).send(contact);
    },
  );
  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Change a contact (scope contacts:write)',
        description: [
          'Only the fields given change; `customFields` is merged per key as given, `tagIds` replaces the tags.',
          '',
          curlAndJs('PATCH', '/api/v1/contacts/3', { customFields: { plano: 'Enterprise' }, tagIds: [1, 3] }),
        ].join('\n'),
        params: idParams,
        body: v1UpdateContactRequestSchema,
        response: { 200: contactSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'contacts:write', ...byId },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { tagIds, ...patch } = request.body;
      let contact = await contacts.get(auth.companyId, request.params.id);
      const merged = patch.customFields ? { ...patch, customFields: { ...contact.customFields, ...patch.customFields } } : patch;
      if (Object.keys(merged).length > 0) contact = await contacts.update(auth.companyId, contact.id, merged);
      if (tagIds) contact = await contacts.setTags(auth.companyId, auth.userId, contact.id, tagIds);
      changed(auth.companyId, contact.id);
      return contact;
    },
  );
  app.delete(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Delete a contact that never had a conversation (scope contacts:write)',
        description: [
          'A contact with tickets answers `409 CONTACT_HAS_TICKETS`: its history stays (anonymise it in the console).',
          '',
          curlAndJs('DELETE', '/api/v1/contacts/3'),
        ].join('\n'),
        params: idParams,
        response: { 204: z.null(), ...errors, 409: errorBodySchema },
      },
      config: { roles: ['admin'], apiScope: 'contacts:write', ...byId },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await contacts.remove(auth.companyId, request.params.id);
      changed(auth.companyId, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
