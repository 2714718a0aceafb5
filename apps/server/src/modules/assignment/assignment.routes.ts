import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userAvailabilityListSchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { AssignmentService } from './assignment.service.js';

export const assignmentRoutes: FastifyPluginAsyncZod<{ assignment: AssignmentService }> = async (app, { assignment }) => {
  app.get(
    '/api/users/availability',
    {
      schema: {
        tags: ['users'],
        summary: 'Who is online now, with their open tickets and capacity (for choosing whom to transfer to)',
        response: { 200: userAvailabilityListSchema },
      },
      config: { roles: ['admin', 'supervisor'] },
    },
    async (request) => ({ items: await assignment.availability(requireAuth(request).companyId) }),
  );
};
