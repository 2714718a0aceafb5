import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import {
  aiSettingsSchema,
  errorBodySchema,
  flowRunListSchema,
  simulateAiRequestSchema,
  simulateAiResultSchema,
  simulateHttpRequestSchema,
  simulateResultSchema,
  updateAiSettingsRequestSchema,
} from '@jimmy/contracts';
import { notFound } from '../../infra/errors.js';
import { idParams } from '../../infra/http-params.js';
import type { OutboundHttp } from '../../infra/outbound-http.js';
import { requireAuth } from '../auth/index.js';
import type { AiClient } from './ai-client.js';
import type { AiSettingsService } from './ai-settings.service.js';
import { flowRunsOfTicket } from './flow-reports.js';

const tags = ['flows'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 422: errorBodySchema };
const managers = { roles: ['admin', 'supervisor'] } as const;

/** What the builder needs around the graph: the simulator's real calls, the AI settings, a ticket's runs. */
export const flowToolsRoutes: FastifyPluginAsyncZod<{
  pool: pg.Pool;
  outboundHttp: OutboundHttp;
  ai: AiClient;
  aiSettings: AiSettingsService;
}> = async (app, { pool, outboundHttp, ai, aiSettings }) => {
  app.post(
    '/api/flows/simulate/http',
    {
      schema: {
        tags,
        summary: 'The simulator’s HTTP node, called for real by the server (same SSRF guard, timeout and size cap as running flows)',
        body: simulateHttpRequestSchema,
        response: { 200: simulateResultSchema, ...errors },
      },
      config: managers,
    },
    async (request) => {
      const result = await outboundHttp.request(request.body);
      if (result.ok) return { ok: true as const, data: result.data, status: result.status };
      return { ok: false as const, error: result.error, ...(result.status !== undefined && { status: result.status }) };
    },
  );
  app.post(
    '/api/flows/simulate/ai',
    {
      schema: {
        tags,
        summary: 'The simulator’s AI node: one chat completion through the company’s AI integration',
        body: simulateAiRequestSchema,
        response: { 200: simulateAiResultSchema, ...errors },
      },
      config: managers,
    },
    async (request) => ai.complete(requireAuth(request).companyId, request.body),
  );
  app.get(
    '/api/settings/ai',
    {
      schema: {
        tags,
        summary: 'The AI integration (the key is never returned: `hasApiKey`)',
        response: { 200: aiSettingsSchema, ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request) => aiSettings.get(requireAuth(request).companyId),
  );
  app.put(
    '/api/settings/ai',
    {
      schema: {
        tags,
        summary: 'Set the OpenAI-compatible endpoint; `apiKey` omitted keeps the stored key, null removes it',
        body: updateAiSettingsRequestSchema,
        response: { 200: aiSettingsSchema, ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request) => aiSettings.update(requireAuth(request), request.body),
  );
  app.get(
    '/api/tickets/:id/flow-runs',
    {
      schema: {
        tags,
        summary: 'Ver execução do fluxo: each bot session of the ticket with its steps (managers)',
        params: idParams,
        response: { 200: flowRunListSchema, ...errors },
      },
      config: { ...managers, params: { id: 'ticket' } },
    },
    async (request) => {
      const { companyId } = requireAuth(request);
      const { rowCount } = await pool.query('select 1 from tickets where company_id = $1 and id = $2', [companyId, request.params.id]);
      if (!rowCount) throw notFound('Ticket');
      return { items: await flowRunsOfTicket(pool, companyId, request.params.id) };
    },
  );
};
