import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  announcementAckListSchema,
  announcementListQuerySchema,
  announcementListSchema,
  announcementSchema,
  createAnnouncementRequestSchema,
  errorBodySchema,
  pendingAnnouncementListSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { AnnouncementsService } from './announcements.service.js';

const tags = ['announcements'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const managers = { roles: ['admin', 'supervisor'] } as const;
const byId = { params: { id: 'announcement' } } as const;

export const announcementsRoutes: FastifyPluginAsyncZod<{ announcements: AnnouncementsService }> = async (app, { announcements }) => {
  app.post(
    '/api/announcements',
    {
      schema: {
        tags,
        summary: 'Post an announcement to everyone, a queue’s members or chosen users (recipients fixed now; the author is not one)',
        body: createAnnouncementRequestSchema,
        response: { 201: announcementSchema, ...errors },
      },
      config: { ...managers, limit: 'internalChat' },
    },
    async (request, reply) => reply.status(201).send(await announcements.create(requireAuth(request), request.body)),
  );
  app.get(
    '/api/announcements',
    {
      schema: {
        tags,
        summary: 'Sent announcements with recipient, opened and acknowledged counts, newest first (admins: all; supervisors: their own)',
        querystring: announcementListQuerySchema,
        response: { 200: announcementListSchema, ...errors },
      },
      config: managers,
    },
    async (request) => ({
      items: await announcements.list(requireAuth(request), { archived: request.query.archived === 'true', limit: request.query.limit }),
    }),
  );
  app.get(
    '/api/announcements/pending',
    {
      schema: {
        tags,
        summary: 'The caller’s announcements not yet acknowledged (not archived, not expired), newest first',
        response: { 200: pendingAnnouncementListSchema, ...errors },
      },
    },
    async (request) => ({ items: await announcements.pending(requireAuth(request)) }),
  );
  app.get(
    '/api/announcements/:id',
    {
      schema: {
        tags,
        summary: 'One sent announcement (its author or an admin)',
        params: idParams,
        response: { 200: announcementSchema, ...errors },
      },
      config: { ...managers, ...byId },
    },
    async (request) => announcements.get(requireAuth(request), request.params.id),
  );
  app.get(
    '/api/announcements/:id/acks',
    {
      schema: {
        tags,
        summary: 'Every recipient with when they opened and acknowledged it (its author or an admin)',
        params: idParams,
        response: { 200: announcementAckListSchema, ...errors },
      },
      config: { ...managers, ...byId },
    },
    async (request) => ({ items: await announcements.acks(requireAuth(request), request.params.id) }),
  );
  app.post(
    '/api/announcements/:id/ack',
    {
      schema: { tags, summary: 'Acknowledge it (a recipient; idempotent)', params: idParams, response: { 204: z.null(), ...errors } },
      config: { ...byId, allowReadOnly: true },
    },
    async (request, reply) => {
      await announcements.ack(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/announcements/:id/seen',
    {
      schema: {
        tags,
        summary: 'Record that the banner showed it (a recipient; the first time counts)',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
      config: { ...byId, allowReadOnly: true },
    },
    async (request, reply) => {
      await announcements.seen(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/announcements/:id/archive',
    {
      schema: {
        tags,
        summary: 'Stop showing it as pending to anyone (its author or an admin); acknowledgements are kept',
        params: idParams,
        response: { 200: announcementSchema, ...errors },
      },
      config: { ...managers, ...byId },
    },
    async (request) => announcements.archive(requireAuth(request), request.params.id),
  );
};
