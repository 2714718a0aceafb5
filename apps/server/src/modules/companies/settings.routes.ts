import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { companySettingsResponseSchema, errorBodySchema, updateCompanySettingsRequestSchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { SettingsService } from './settings.service.js';

const tags = ['settings'];

export const settingsRoutes: FastifyPluginAsyncZod<{ settings: SettingsService }> = async (app, { settings }) => {
  app.get(
    '/api/settings',
    {
      schema: {
        tags,
        // Every signed-in user: the close dialog needs the survey mode, the console the time zone.
        summary: "The company's routing, working hours, survey and scheduling settings, with defaults filled in",
        response: { 200: companySettingsResponseSchema },
      },
    },
    async (request) => settings.get(requireAuth(request).companyId),
  );
  app.put(
    '/api/settings',
    {
      schema: {
        tags,
        summary:
          'Replace any of the sections (routing, hours, survey, scheduling), each whole; hours.schedule.timeZone becomes the company time zone',
        body: updateCompanySettingsRequestSchema,
        response: { 200: companySettingsResponseSchema, 400: errorBodySchema, 403: errorBodySchema },
      },
      config: { roles: ['admin'] },
    },
    async (request) => settings.update(requireAuth(request).companyId, request.body),
  );
};
