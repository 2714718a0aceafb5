import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema, onboardingStateSchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { OnboardingService } from './onboarding.service.js';

const tags = ['onboarding'];
const errors = { 401: errorBodySchema, 403: errorBodySchema };
const admins = { roles: ['admin'] } as const;
// Hiding or showing a checklist changes nothing of the company's service, so a read-only company may too.
const adminsEvenReadOnly = { ...admins, allowReadOnly: true } as const;

export const onboardingRoutes: FastifyPluginAsyncZod<{ onboarding: OnboardingService }> = async (app, { onboarding }) => {
  app.get(
    '/api/onboarding',
    {
      schema: {
        tags,
        summary: 'The first-steps checklist of the caller’s company, computed from its data now (admins)',
        response: { 200: onboardingStateSchema, ...errors },
      },
      config: admins,
    },
    async (request) => onboarding.state(requireAuth(request).companyId),
  );
  app.post(
    '/api/onboarding/dismiss',
    {
      schema: {
        tags,
        summary: 'Hide the checklist for every admin of the company (steps keep being computed)',
        response: { 200: onboardingStateSchema, ...errors },
      },
      config: adminsEvenReadOnly,
    },
    async (request) => {
      const auth = requireAuth(request);
      return onboarding.setDismissed(auth.companyId, auth.userId, true);
    },
  );
  app.post(
    '/api/onboarding/restore',
    {
      schema: { tags, summary: 'Show the checklist again', response: { 200: onboardingStateSchema, ...errors } },
      config: adminsEvenReadOnly,
    },
    async (request) => {
      const auth = requireAuth(request);
      return onboarding.setDismissed(auth.companyId, auth.userId, false);
    },
  );
};
