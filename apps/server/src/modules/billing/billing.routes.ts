import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  billingSummarySchema,
  checkoutRequestSchema,
  checkoutResponseSchema,
  errorBodySchema,
  invoiceSchema,
  platformInvoiceListQuerySchema,
  platformInvoiceListSchema,
  platformInvoiceSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { BillingService } from './billing.service.js';

const tags = ['billing'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 502: errorBodySchema };
// Paying is exactly what a read-only company must still be able to do.
const companyAdmins = { roles: ['admin'], allowReadOnly: true } as const;
const platform = { roles: ['super_admin'], allowReadOnly: true } as const;

export const billingRoutes: FastifyPluginAsyncZod<{ billing: BillingService }> = async (app, { billing }) => {
  app.get(
    '/api/billing',
    {
      schema: {
        tags,
        summary: 'The company’s plan and standing, the plans on offer and its invoices (company admin)',
        response: { 200: billingSummarySchema, ...errors },
      },
      config: companyAdmins,
    },
    async (request) => billing.summary(requireAuth(request)),
  );
  app.post(
    '/api/billing/checkout',
    {
      schema: {
        tags,
        summary: 'Open (or reuse) the invoice to pay now at the chosen plan’s price and charge it at the gateway (company admin)',
        body: checkoutRequestSchema,
        response: { 200: checkoutResponseSchema, ...errors },
      },
      config: companyAdmins,
    },
    async (request) => billing.checkout(requireAuth(request), request.body),
  );
  app.get(
    '/api/billing/invoices/:id',
    {
      schema: {
        tags,
        summary: 'One of the company’s invoices: the console polls it while a Pix payment is on its way (company admin)',
        params: idParams,
        response: { 200: invoiceSchema, ...errors },
      },
      config: { ...companyAdmins, params: { id: 'invoice' } },
    },
    async (request) => billing.invoice(requireAuth(request), request.params.id),
  );
  app.get(
    '/api/platform/invoices',
    {
      schema: {
        tags,
        summary: 'Every company’s invoices, open ones first (platform admin)',
        querystring: platformInvoiceListQuerySchema,
        response: { 200: platformInvoiceListSchema, ...errors },
      },
      config: platform,
    },
    async (request) => ({ items: await billing.platformInvoices(request.query) }),
  );
  app.post(
    '/api/platform/invoices/:id/mark-paid',
    {
      schema: {
        tags,
        summary: 'Record a payment received outside the gateway (platform admin; idempotent)',
        params: idParams,
        response: { 200: platformInvoiceSchema, ...errors },
      },
      config: { ...platform, params: { id: 'invoice' } },
    },
    async (request) => billing.markPaid(requireAuth(request), request.params.id),
  );
};

const MAX_EVENT_BYTES = 256 * 1024;

/** Gateway notifications: public, the body kept as text so the gateway's verification sees it untouched. */
export const billingHookRoutes: FastifyPluginAsyncZod<{ billing: BillingService }> = async (app, { billing }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_EVENT_BYTES }, (_request, body, done) => done(null, body));
  app.post(
    '/hooks/billing/:gateway',
    {
      schema: {
        tags,
        summary: 'A payment gateway’s notification (Asaas: header asaas-access-token); a replayed event answers 200 and changes nothing',
        security: [],
        params: z.object({ gateway: z.string().min(1).max(40) }),
        response: {
          200: z.object({ received: z.literal(true), duplicate: z.boolean() }),
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
      config: { public: true },
    },
    async (request) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const result = await billing.handleWebhook(request.params.gateway, request.headers, raw);
      return { received: true as const, duplicate: result.duplicate };
    },
  );
};
