import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePlanRequestSchema,
  deleteCompanyRequestSchema,
  errorBodySchema,
  extendTrialRequestSchema,
  loginResponseSchema,
  planInputSchema,
  planSchema,
  platformAuditListSchema,
  platformCompanyListQuerySchema,
  platformCompanyListSchema,
  platformCompanySchema,
  platformFiguresSchema,
  suspendRequestSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth, sessionBody, sessionCookies, type AuthService } from '../auth/index.js';
import type { PlatformService } from './platform.service.js';

const tags = ['platform'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
/** Only the platform's operators; a company admin gets 403 from the guard. */
const operators = { roles: ['super_admin'] } as const;
const company = { ...operators, params: { id: 'company' } } as const;
const plan = { ...operators, params: { id: 'plan' } } as const;

export interface PlatformRoutesOptions {
  platform: PlatformService;
  auth: AuthService;
  secureCookies: boolean;
}

export const platformRoutes: FastifyPluginAsyncZod<PlatformRoutesOptions> = async (app, { platform, auth, secureCookies }) => {
  const cookies = sessionCookies(secureCookies);
  const client = (request: { headers: { 'user-agent'?: string }; ip: string }) => ({
    userAgent: request.headers['user-agent'] ?? null,
    ip: request.ip,
  });

  app.get(
    '/api/platform/figures',
    {
      schema: {
        tags,
        summary: 'Companies by status, messages today, connections online and trials ending within 3 days, across all companies',
        response: { 200: platformFiguresSchema, ...errors },
      },
      config: operators,
    },
    async () => platform.figures(),
  );

  app.get(
    '/api/platform/companies',
    {
      schema: {
        tags,
        summary: 'Every company with its plan, status and usage, newest first; filter by name (q) and status',
        querystring: platformCompanyListQuerySchema,
        response: { 200: platformCompanyListSchema, ...errors },
      },
      config: operators,
    },
    async (request) => platform.listCompanies(request.query),
  );

  app.get(
    '/api/platform/companies/:id',
    { schema: { tags, summary: 'One company', params: idParams, response: { 200: platformCompanySchema, ...errors } }, config: company },
    async (request) => platform.company(request.params.id),
  );

  app.post(
    '/api/platform/companies/:id/plan',
    {
      schema: {
        tags,
        summary: "Change the company's plan (not an archived one)",
        params: idParams,
        body: changePlanRequestSchema,
        response: { 200: platformCompanySchema, ...errors },
      },
      config: company,
    },
    async (request) => platform.changePlan(requireAuth(request).userId, request.params.id, request.body.planId),
  );

  app.post(
    '/api/platform/companies/:id/extend-trial',
    {
      schema: {
        tags,
        summary: 'Add 1 to 90 days to the trial; a company read-only because its trial ended goes back to trial',
        params: idParams,
        body: extendTrialRequestSchema,
        response: { 200: platformCompanySchema, ...errors },
      },
      config: company,
    },
    async (request) => platform.extendTrial(requireAuth(request).userId, request.params.id, request.body.days),
  );

  app.post(
    '/api/platform/companies/:id/suspend',
    {
      schema: {
        tags,
        summary: 'Suspend the company: its people are signed out and cannot sign in (COMPANY_SUSPENDED)',
        params: idParams,
        body: suspendRequestSchema,
        response: { 200: platformCompanySchema, ...errors },
      },
      config: company,
    },
    async (request) => platform.suspend(requireAuth(request).userId, request.params.id, request.body.reason),
  );

  app.post(
    '/api/platform/companies/:id/reactivate',
    {
      schema: {
        tags,
        summary: 'Lift a suspension: the company returns to the status it had before',
        params: idParams,
        response: { 200: platformCompanySchema, ...errors },
      },
      config: company,
    },
    async (request) => platform.reactivate(requireAuth(request).userId, request.params.id),
  );

  app.get(
    '/api/platform/companies/:id/export',
    {
      schema: {
        tags,
        summary: "Download the company's data as JSON (every table with its rows, credentials left out); allows deleting it for 24 hours",
        params: idParams,
        response: { 200: z.unknown(), ...errors },
      },
      config: company,
    },
    async (request, reply) => {
      const { company: exported, chunks } = await platform.export(requireAuth(request).userId, request.params.id);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="empresa-${exported.id}-${day}.json"`)
        .send(Readable.from(chunks));
    },
  );

  app.delete(
    '/api/platform/companies/:id',
    {
      schema: {
        tags,
        summary:
          'Delete the company and all its data; needs its exact name and an export taken in the last 24 hours (else 409 EXPORT_REQUIRED)',
        params: idParams,
        body: deleteCompanyRequestSchema,
        response: { 204: z.null(), ...errors },
      },
      config: company,
    },
    async (request, reply) => {
      await platform.delete(requireAuth(request).userId, request.params.id, request.body.confirmName);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/platform/companies/:id/impersonate',
    {
      schema: {
        tags,
        summary: "Sign in as the company's first active admin for support; the company's admins see it in their platform access log",
        params: idParams,
        response: { 200: loginResponseSchema, ...errors },
      },
      config: company,
    },
    async (request, reply) => {
      const { session } = await platform.impersonate(requireAuth(request).userId, request.params.id, client(request));
      cookies.set(reply, session);
      return sessionBody(session);
    },
  );

  app.post(
    '/api/platform/impersonation/end',
    {
      schema: {
        tags,
        summary: "End a support sign-in and return to the operator's own session",
        response: { 200: loginResponseSchema, ...errors },
      },
      // Called from inside the support session, as the company's admin: the session itself proves who may end it.
      config: { allowReadOnly: true },
    },
    async (request, reply) => {
      const context = requireAuth(request);
      const session = await platform.endImpersonation(context, client(request), () => auth.logout(context));
      cookies.set(reply, session);
      return sessionBody(session);
    },
  );

  app.get(
    '/api/platform/audit',
    {
      schema: {
        tags,
        summary: "What the platform's operators did, newest first; companyId narrows it to one company",
        querystring: z.object({ companyId: z.coerce.number().int().positive().optional() }),
        response: { 200: platformAuditListSchema, ...errors },
      },
      config: operators,
    },
    async (request) => ({ items: await platform.audit(request.query.companyId) }),
  );

  app.get(
    '/api/platform/plans',
    {
      schema: { tags, summary: 'Every plan, archived ones too', response: { 200: z.object({ items: z.array(planSchema) }), ...errors } },
      config: operators,
    },
    async () => ({ items: await platform.listPlans() }),
  );

  app.post(
    '/api/platform/plans',
    {
      schema: { tags, summary: 'Create a plan', body: planInputSchema, response: { 201: planSchema, ...errors } },
      config: operators,
    },
    async (request, reply) => reply.status(201).send(await platform.createPlan(requireAuth(request).userId, request.body)),
  );

  app.put(
    '/api/platform/plans/:id',
    {
      schema: { tags, summary: 'Replace a plan', params: idParams, body: planInputSchema, response: { 200: planSchema, ...errors } },
      config: plan,
    },
    async (request) => platform.updatePlan(requireAuth(request).userId, request.params.id, request.body),
  );

  app.delete(
    '/api/platform/plans/:id',
    {
      schema: {
        tags,
        summary: 'Delete a plan nobody uses; a plan with companies is archived instead (kept for them, offered to nobody new)',
        params: idParams,
        response: { 200: z.object({ outcome: z.enum(['deleted', 'archived']) }), ...errors },
      },
      config: plan,
    },
    async (request) => ({ outcome: await platform.deletePlan(requireAuth(request).userId, request.params.id) }),
  );

  app.get(
    '/api/platform-access',
    {
      schema: {
        tags,
        summary: "The platform operators' actions on your company, support sign-ins included, newest first (admins)",
        response: { 200: platformAuditListSchema, ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request) => ({ items: await platform.accessOf(requireAuth(request).companyId) }),
  );
};
