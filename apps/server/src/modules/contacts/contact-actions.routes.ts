import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import {
  addContactTagRequestSchema,
  anonymizeContactRequestSchema,
  contactSchema,
  errorBodySchema,
  mergeContactRequestSchema,
  mergePreviewSchema,
  timelineQuerySchema,
  timelineSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { visibleToSql, type TicketsService } from '../tickets/index.js';
import type { Db } from '../../infra/db/index.js';
import type { ContactAdminService } from './contact-admin.service.js';
import { addContactTag, removeContactTag } from './contact-tags.js';
import type { ContactsService } from './contacts.service.js';
import type { LgpdService } from './lgpd.js';
import { contactTimeline } from './timeline.js';
import type { EventBus } from '../../infra/events.js';
import { announceContactChanges } from './announce-changes.js';

const tags = ['contacts'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const byId = { params: { id: 'contact' } } as const;

export interface ContactActionsDeps {
  db: Db;
  pool: pg.Pool;
  contacts: ContactsService;
  admin: ContactAdminService;
  lgpd: LgpdService;
  tickets: TicketsService;
  events: EventBus;
}

/** Contact tags, timeline, merge, block and LGPD: everything about a contact beyond its own fields. */
export const contactActionsRoutes: FastifyPluginAsyncZod<ContactActionsDeps> = async (app, deps) => {
  const { contacts, admin, lgpd, pool } = deps;
  announceContactChanges(app, deps.events);
  app.post(
    '/api/contacts/:id/tags',
    {
      schema: {
        tags,
        summary: 'Tag a contact (idempotent)',
        params: idParams,
        body: addContactTagRequestSchema,
        response: { 200: contactSchema, ...errors },
      },
      config: byId,
    },
    async (request) => {
      const auth = requireAuth(request);
      await contacts.get(auth.companyId, request.params.id);
      await addContactTag(pool, auth.companyId, auth.userId, request.params.id, request.body.tagId);
      return contacts.get(auth.companyId, request.params.id);
    },
  );
  app.delete(
    '/api/contacts/:id/tags/:tagId',
    {
      schema: {
        tags,
        summary: 'Take a tag off a contact (idempotent for a tag it does not have)',
        params: z.object({ id: idParams.shape.id, tagId: idParams.shape.id }),
        response: { 200: contactSchema, ...errors },
      },
      config: { params: { id: 'contact', tagId: 'tag' } },
    },
    async (request) => {
      const auth = requireAuth(request);
      await contacts.get(auth.companyId, request.params.id);
      await removeContactTag(pool, auth.companyId, auth.userId, request.params.id, request.params.tagId);
      return contacts.get(auth.companyId, request.params.id);
    },
  );
  app.get(
    '/api/contacts/:id/timeline',
    {
      schema: {
        tags,
        summary:
          "The contact's one timeline, newest first: tickets, ticket events, notes, tags, surveys, scheduled messages (only tickets the caller may see)",
        params: idParams,
        querystring: timelineQuerySchema,
        response: { 200: timelineSchema, ...errors },
      },
      config: byId,
    },
    async (request) => {
      const auth = requireAuth(request);
      await contacts.get(auth.companyId, request.params.id);
      const viewer = await deps.tickets.viewer(auth);
      return contactTimeline(deps.db, viewer, visibleToSql(viewer), request.params.id, request.query);
    },
  );
  app.get(
    '/api/contacts/:id/merge-preview/:otherId',
    {
      schema: {
        tags,
        summary: 'What merging another contact into this one would move, and which live tickets it would close',
        params: z.object({ id: idParams.shape.id, otherId: idParams.shape.id }),
        response: { 200: mergePreviewSchema, ...errors },
      },
      config: { params: { id: 'contact', otherId: 'contact' }, roles: ['admin', 'supervisor'] },
    },
    async (request) => admin.mergePreview(requireAuth(request), request.params.id, request.params.otherId),
  );
  app.post(
    '/api/contacts/:id/merge',
    {
      schema: {
        tags,
        summary:
          "Merge another contact into this one: its tickets, messages, notes, tags, channels, schedules and surveys move here, this contact's fields win, the other is deleted. A live ticket of the other on a connection where this one has a live ticket is closed.",
        params: idParams,
        body: mergeContactRequestSchema,
        response: { 200: contactSchema, ...errors },
      },
      config: { ...byId, roles: ['admin', 'supervisor'] },
    },
    async (request) => {
      const auth = requireAuth(request);
      await admin.merge(auth, request.params.id, request.body.otherContactId);
      return contacts.get(auth.companyId, request.params.id);
    },
  );
  for (const action of ['block', 'unblock'] as const) {
    app.post(
      `/api/contacts/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'block'
              ? 'Block a contact: its live tickets close; its messages are still stored but open no ticket and wake no bot'
              : 'Unblock a contact: its next message opens a ticket again',
          params: idParams,
          response: { 200: contactSchema, ...errors },
        },
        config: byId,
      },
      async (request) => {
        const auth = requireAuth(request);
        await admin[action](auth, request.params.id);
        return contacts.get(auth.companyId, request.params.id);
      },
    );
  }
  app.get(
    '/api/contacts/:id/export',
    {
      schema: {
        tags,
        summary: 'LGPD: everything held about the contact as a ZIP (contact.json and media/), streamed',
        params: idParams,
        response: { 200: z.any().describe('application/zip'), ...errors },
      },
      config: { ...byId, roles: ['admin'] },
    },
    async (request, reply) => {
      const { stream, fileName } = await lgpd.exportZip(requireAuth(request), request.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(stream);
    },
  );
  app.post(
    '/api/contacts/:id/anonymize',
    {
      schema: {
        tags,
        summary:
          'LGPD: anonymise the contact for good (personal fields cleared, texts replaced by "[removido]", media deleted, tickets kept). confirmName must be its current name.',
        params: idParams,
        body: anonymizeContactRequestSchema,
        response: { 200: contactSchema, ...errors },
      },
      config: { ...byId, roles: ['admin'] },
    },
    async (request) => {
      const auth = requireAuth(request);
      await lgpd.anonymize(auth, request.params.id, request.body.confirmName);
      return contacts.get(auth.companyId, request.params.id);
    },
  );
};
