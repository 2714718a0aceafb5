import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { customFieldSchema, errorBodySchema, upsertCustomFieldRequestSchema } from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './custom-fields.js';

const tags = ['custom fields'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const byId = { params: { id: 'customField' }, roles: ['admin'] } as const;

export const customFieldsRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.get(
    '/api/custom-fields',
    {
      schema: {
        tags,
        // Everyone reads them: agents fill them in the contact panel.
        summary: "The company's custom contact fields, in display order",
        response: { 200: z.object({ items: z.array(customFieldSchema) }) },
      },
    },
    async (request) => ({ items: await listCustomFields(pool, requireAuth(request).companyId) }),
  );
  app.post(
    '/api/custom-fields',
    {
      schema: {
        tags,
        summary: 'Define a custom contact field (text, number, date or choice)',
        body: upsertCustomFieldRequestSchema,
        response: { 201: customFieldSchema, ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request, reply) => reply.status(201).send(await createCustomField(pool, requireAuth(request).companyId, request.body)),
  );
  app.put(
    '/api/custom-fields/:id',
    {
      schema: {
        tags,
        summary: "Replace a custom field's definition; a new key carries the contacts' stored values along",
        params: idParams,
        body: upsertCustomFieldRequestSchema,
        response: { 200: customFieldSchema, ...errors },
      },
      config: byId,
    },
    async (request) => updateCustomField(pool, requireAuth(request).companyId, request.params.id, request.body),
  );
  app.delete(
    '/api/custom-fields/:id',
    {
      schema: { tags, summary: 'Delete a custom field definition', params: idParams, response: { 204: z.null(), ...errors } },
      config: byId,
    },
    async (request, reply) => {
      await deleteCustomField(pool, requireAuth(request).companyId, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
