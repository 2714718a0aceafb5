import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import { liveReportSchema } from './reports-live.schema.js';
import { ReportsLiveService, type ReportsLiveDeps } from './reports-live.service.js';

const liveRoutes: FastifyPluginAsyncZod<{ service: ReportsLiveService }> = async (app, { service }) => {
  app.get(
    '/api/reports/live',
    {
      schema: {
        tags: ['reports'],
        summary: 'The live panel: tickets waiting per queue with the oldest wait, and agents with presence, open tickets and capacity',
        response: { 200: liveReportSchema, 403: errorBodySchema },
      },
      config: { roles: ['admin', 'supervisor'] },
    },
    async (request) => service.live(requireAuth(request).companyId),
  );
};

/** The reports' live panel (`GET /api/reports/live`); the aggregated reports live in their own module. */
export async function registerReportsLive(http: FastifyInstance, deps: ReportsLiveDeps): Promise<void> {
  await http.register(liveRoutes, { service: new ReportsLiveService(deps) });
}
