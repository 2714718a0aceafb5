import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  createContactScheduledMessageRequestSchema,
  createScheduledMessageRequestSchema,
  errorBodySchema,
  scheduledMessageListQuerySchema,
  scheduledMessageSchema,
  updateScheduledMessageRequestSchema,
} from '@jimmy/contracts';
import { invalid } from '../../infra/errors.js';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { MAX_UPLOAD_BYTES, type OutgoingFile } from '../messages/index.js';
import type { ScheduledService } from './scheduled.service.js';

const tags = ['scheduled messages'];
const errors = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 413: errorBodySchema };
type Part = MultipartFile | { type: 'field'; fieldname: string; value: unknown };

/** Multipart fields that carry JSON (the repetition and the template). */
const JSON_FIELDS = new Set(['repeat', 'template']);

/**
 * The request as fields and an optional file: JSON, or multipart with a `file` (the same limits as
 * sending a message now). Read before the target is checked, since multipart must be consumed.
 */
async function readRequest(request: FastifyRequest): Promise<{ fields: unknown; file?: OutgoingFile }> {
  if (!request.isMultipart()) return { fields: request.body ?? {} };
  const fields: Record<string, unknown> = {};
  let file: OutgoingFile | undefined;
  for await (const part of request.parts() as AsyncIterableIterator<Part>) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) throw invalid({ [part.fieldname]: 'send exactly one file, in the field "file"' });
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw invalid({ file: `larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
      if (bytes.length === 0) throw invalid({ file: 'is empty' });
      file = { bytes, mimeType: part.mimetype || 'application/octet-stream', fileName: (part.filename || 'file').slice(0, 200) };
      continue;
    }
    const value = String(part.value);
    if (JSON_FIELDS.has(part.fieldname)) {
      try {
        fields[part.fieldname] = value === '' ? null : JSON.parse(value);
      } catch {
        throw invalid({ [part.fieldname]: 'must be JSON' });
      }
    } else {
      fields[part.fieldname] = part.fieldname === 'connectionId' ? Number(value) : value;
    }
  }
  return file ? { fields, file } : { fields };
}

/** Validated after the target is known to exist, so another tenant's id answers 404, not 400. */
function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])));
  return parsed.data;
}

const createBody = z.record(z.string(), z.unknown()).nullish();

export const scheduledRoutes: FastifyPluginAsyncZod<{ scheduled: ScheduledService }> = async (app, { scheduled }) => {
  app.post(
    '/api/tickets/:id/scheduled-messages',
    {
      schema: {
        tags,
        summary:
          'Schedule a message in this conversation: JSON { body, sendAt, repeat?, template? } or multipart with a file; sendAt is ISO 8601 with offset',
        params: idParams,
        body: createBody,
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: scheduledMessageSchema, ...errors },
      },
      config: { limit: 'messagesPerMonth', params: { id: 'ticket' } },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { fields, file } = await readRequest(request);
      const target = await scheduled.ticketTarget(auth, request.params.id);
      const input = parse(createScheduledMessageRequestSchema, fields);
      return reply.status(201).send(await scheduled.create(auth, target, input, file));
    },
  );

  app.post(
    '/api/contacts/:id/scheduled-messages',
    {
      schema: {
        tags,
        summary: 'Schedule a message to a contact on a connection: { connectionId, body, sendAt, repeat?, template? } or multipart',
        params: idParams,
        body: createBody,
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: scheduledMessageSchema, ...errors },
      },
      config: { limit: 'messagesPerMonth', params: { id: 'contact' } },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { fields, file } = await readRequest(request);
      await scheduled.assertContact(auth, request.params.id);
      const input = parse(createContactScheduledMessageRequestSchema, fields);
      const target = await scheduled.contactTarget(auth, request.params.id, input.connectionId);
      return reply.status(201).send(await scheduled.create(auth, target, input, file));
    },
  );

  app.get(
    '/api/scheduled-messages',
    {
      schema: {
        tags,
        summary: 'Scheduled messages the caller may see (their own and those of conversations they see), latest send time first',
        querystring: scheduledMessageListQuerySchema,
        response: { 200: z.object({ items: z.array(scheduledMessageSchema) }), 400: errorBodySchema },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      return {
        items: await scheduled.list(requireAuth(request), {
          ...rest,
          ...(from && { from: new Date(from) }),
          ...(to && { to: new Date(to) }),
        }),
      };
    },
  );

  const byId = { params: { id: 'scheduledMessage' } } as const;
  app.get(
    '/api/scheduled-messages/:id',
    {
      schema: { tags, summary: 'One scheduled message', params: idParams, response: { 200: scheduledMessageSchema, ...errors } },
      config: byId,
    },
    async (request) => scheduled.get(requireAuth(request), request.params.id),
  );

  app.patch(
    '/api/scheduled-messages/:id',
    {
      schema: {
        tags,
        summary: 'Edit body, sendAt, repeat or template until sent; { status: "scheduled" } tries a failed one again',
        params: idParams,
        body: updateScheduledMessageRequestSchema,
        response: { 200: scheduledMessageSchema, ...errors },
      },
      config: byId,
    },
    async (request) => scheduled.update(requireAuth(request), request.params.id, request.body),
  );

  app.delete(
    '/api/scheduled-messages/:id',
    {
      schema: {
        tags,
        summary: 'Cancel until sent (the row stays, with status canceled)',
        params: idParams,
        response: { 200: scheduledMessageSchema, ...errors },
      },
      config: byId,
    },
    async (request) => scheduled.cancel(requireAuth(request), request.params.id),
  );
};
