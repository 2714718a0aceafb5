import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema, usageResponseSchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { PlanLimitsService } from './plan-limits.service.js';

export const usageRoutes: FastifyPluginAsyncZod<{ limits: PlanLimitsService }> = async (app, { limits }) => {
  app.get(
    '/api/usage',
    {
      schema: {
        tags: ['plans'],
        summary: "The company's plan, standing and how much of each limit it uses (messages: this calendar month, UTC)",
        response: { 200: usageResponseSchema, 403: errorBodySchema },
      },
      config: { roles: ['admin'] },
    },
    async (request) => limits.usage(requireAuth(request).companyId),
  );
};
