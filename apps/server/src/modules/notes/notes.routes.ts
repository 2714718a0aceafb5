import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  mentionableUserSchema,
  messageSchema,
  noteRequestSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { NotesService } from './notes.service.js';
import type { NotificationsService } from './notifications.service.js';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const noteParams = idParams.extend({ noteId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const noteConfig = { params: { id: 'ticket', noteId: 'message' } } as const;

export const notesRoutes: FastifyPluginAsyncZod<{ notes: NotesService; notifications: NotificationsService }> = async (
  app,
  { notes, notifications },
) => {
  const tags = ['notes'];
  app.post(
    '/api/tickets/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a private note (team only, never sent to the customer); `@Full Name` mentions an active user',
        params: idParams,
        body: noteRequestSchema,
        response: { 201: messageSchema, ...errors },
      },
      config: { params: { id: 'ticket' } },
    },
    async (request, reply) => reply.status(201).send(await notes.add(requireAuth(request), request.params.id, request.body.body)),
  );
  app.patch(
    '/api/tickets/:id/notes/:noteId',
    {
      schema: {
        tags,
        summary: 'Change a note (its author only); newly mentioned users are notified',
        params: noteParams,
        body: noteRequestSchema,
        response: { 200: messageSchema, ...errors },
      },
      config: noteConfig,
    },
    async (request) => notes.edit(requireAuth(request), request.params.id, request.params.noteId, request.body.body),
  );
  app.delete(
    '/api/tickets/:id/notes/:noteId',
    {
      schema: {
        tags,
        summary: "Delete a note: its author, or an admin (recorded in the audit log, without the note's text)",
        params: noteParams,
        response: { 204: z.null(), ...errors },
      },
      config: noteConfig,
    },
    async (request, reply) => {
      await notes.remove(requireAuth(request), request.params.id, request.params.noteId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/mentions/users',
    {
      schema: {
        tags,
        summary: "The company's active users, for the @mention autocomplete",
        response: { 200: z.object({ items: z.array(mentionableUserSchema) }) },
      },
    },
    async (request) => ({ items: await notes.mentionable(requireAuth(request)) }),
  );

  const notificationTags = ['notifications'];
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: notificationTags,
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (request) => notifications.list(requireAuth(request), request.query.before, request.query.limit),
  );
  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags: notificationTags,
        summary: "Mark all the caller's notifications read",
        response: { 200: z.object({ updated: z.number().int() }) },
      },
      config: { allowReadOnly: true },
    },
    async (request) => notifications.markAllRead(requireAuth(request)),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: notificationTags,
        summary: 'Mark one of your notifications read',
        params: idParams,
        response: { 200: notificationSchema, ...errors },
      },
      config: { allowReadOnly: true, params: { id: 'notification' } },
    },
    async (request) => notifications.markRead(requireAuth(request), request.params.id),
  );
};
