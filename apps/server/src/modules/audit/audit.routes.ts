import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { auditListQuerySchema, auditListSchema, errorBodySchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import { listAudit } from './audit.repository.js';

export const auditRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.get(
    '/api/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Who did what an admin must answer for (LGPD exports and anonymisations, merges, contact tags), newest first',
        querystring: auditListQuerySchema,
        response: { 200: auditListSchema, 400: errorBodySchema, 403: errorBodySchema },
      },
      config: { roles: ['admin'] },
    },
    async (request) => listAudit(pool, requireAuth(request).companyId, request.query),
  );
};
