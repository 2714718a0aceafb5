import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWebhookSubscriptionRequestSchema,
  errorBodySchema,
  updateWebhookSubscriptionRequestSchema,
  webhookDeliveryListQuerySchema,
  webhookDeliveryListSchema,
  webhookDeliveryQueuedSchema,
  webhookSecretSchema,
  webhookSubscriptionListSchema,
  webhookSubscriptionSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { WebhooksService } from './webhooks.service.js';

const tags = ['webhooks'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
// Admins, and API tokens given the webhooks:manage scope.
const admins = { roles: ['admin'], apiScope: 'webhooks:manage' } as const;
const bySubscription = { ...admins, params: { id: 'webhookSubscription' } } as const;

export const webhooksRoutes: FastifyPluginAsyncZod<{ webhooks: WebhooksService }> = async (app, { webhooks }) => {
  app.get(
    '/api/webhook-subscriptions',
    {
      schema: { tags, summary: 'The company’s outbound webhooks', response: { 200: webhookSubscriptionListSchema, ...errors } },
      config: admins,
    },
    async (request) => ({ items: await webhooks.list(requireAuth(request).companyId) }),
  );
  app.post(
    '/api/webhook-subscriptions',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the answer carries the signing secret, shown only this once',
        body: createWebhookSubscriptionRequestSchema,
        response: { 201: webhookSecretSchema, ...errors },
      },
      config: admins,
    },
    async (request, reply) => reply.status(201).send(await webhooks.create(requireAuth(request).companyId, request.body)),
  );
  app.get(
    '/api/webhook-subscriptions/:id',
    {
      schema: { tags, summary: 'One subscription', params: idParams, response: { 200: webhookSubscriptionSchema, ...errors } },
      config: bySubscription,
    },
    async (request) => webhooks.get(requireAuth(request).companyId, request.params.id),
  );
  app.patch(
    '/api/webhook-subscriptions/:id',
    {
      schema: {
        tags,
        summary: 'Change the URL, events, description or switch it on/off (on again: waiting deliveries go out)',
        params: idParams,
        body: updateWebhookSubscriptionRequestSchema,
        response: { 200: webhookSubscriptionSchema, ...errors },
      },
      config: bySubscription,
    },
    async (request) => webhooks.update(requireAuth(request).companyId, request.params.id, request.body),
  );
  app.delete(
    '/api/webhook-subscriptions/:id',
    {
      schema: { tags, summary: 'Delete a subscription and its log', params: idParams, response: { 204: z.null(), ...errors } },
      config: bySubscription,
    },
    async (request, reply) => {
      await webhooks.remove(requireAuth(request).companyId, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/webhook-subscriptions/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret (shown only in this answer)',
        params: idParams,
        response: { 200: webhookSecretSchema, ...errors },
      },
      config: bySubscription,
    },
    async (request) => webhooks.rotateSecret(requireAuth(request).companyId, request.params.id),
  );
  app.post(
    '/api/webhook-subscriptions/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a signed `ping` event now',
        params: idParams,
        response: { 202: webhookDeliveryQueuedSchema, ...errors },
      },
      config: bySubscription,
    },
    async (request, reply) => reply.status(202).send(await webhooks.sendTest(requireAuth(request).companyId, request.params.id)),
  );
  app.get(
    '/api/webhook-subscriptions/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log, newest first: request body, each attempt’s status, response excerpt and latency',
        params: idParams,
        querystring: webhookDeliveryListQuerySchema,
        response: { 200: webhookDeliveryListSchema, ...errors },
      },
      config: bySubscription,
    },
    async (request) => ({ items: await webhooks.deliveries(requireAuth(request).companyId, request.params.id, request.query.limit) }),
  );
  app.post(
    '/api/webhook-deliveries/:id/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a logged event again (same body id, new X-Jimmy-Delivery)',
        params: idParams,
        response: { 202: webhookDeliveryQueuedSchema, ...errors },
      },
      config: { ...admins, params: { id: 'webhookDelivery' } },
    },
    async (request, reply) => reply.status(202).send(await webhooks.redeliver(requireAuth(request).companyId, request.params.id)),
  );
};
