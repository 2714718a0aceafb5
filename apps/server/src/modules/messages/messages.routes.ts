import type { MultipartFile } from '@fastify/multipart';
import { sendStoredFile } from '../../infra/http-files.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema, messageListQuerySchema, messageListSchema, messageSchema, sendMessageRequestSchema } from '@jimmy/contracts';
import { invalid } from '../../infra/errors.js';
import { requireAuth } from '../auth/index.js';
import type { MessagesService, OutgoingFile } from './messages.service.js';
import { idParams } from '../../infra/http-params.js';

const tags = ['messages'];
const errors = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 413: errorBodySchema, 422: errorBodySchema };
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** JSON `{ body, quotedMessageId? }`, or multipart with a `file` plus optional `body`, `quotedMessageId`, `voice` fields. */
const sendBodySchema = z.union([
  sendMessageRequestSchema,
  z.object({ body: z.string().max(4096).optional(), quotedMessageId: z.number().int().positive().optional() }),
]);

async function readMultipart(parts: AsyncIterableIterator<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>) {
  const fields: Record<string, string> = {};
  let file: OutgoingFile | undefined;
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) throw invalid({ [part.fieldname]: 'send exactly one file, in the field "file"' });
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw invalid({ file: `larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
      if (bytes.length === 0) throw invalid({ file: 'is empty' });
      file = { bytes, mimeType: part.mimetype || 'application/octet-stream', fileName: (part.filename || 'file').slice(0, 200) };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!file) throw invalid({ file: 'required in a multipart request' });
  const quoted = fields.quotedMessageId ? Number(fields.quotedMessageId) : undefined;
  if (quoted !== undefined && !Number.isSafeInteger(quoted)) throw invalid({ quotedMessageId: 'must be a message id' });
  return { file, body: (fields.body ?? '').slice(0, 1024), quotedMessageId: quoted, voice: fields.voice === 'true' };
}

export const messagesRoutes: FastifyPluginAsyncZod<{ messages: MessagesService }> = async (app, { messages }) => {
  app.get(
    '/api/tickets/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Messages of a ticket, newest first; pass nextCursor as `before` for older ones, `around` for the page holding one message (then newerCursor as `after` for newer ones)',
        params: idParams,
        querystring: messageListQuerySchema,
        response: { 200: messageListSchema, ...errors },
      },
      config: { params: { id: 'ticket' } },
    },
    async (request) => {
      const { before, around, after, limit } = request.query;
      if (around !== undefined) return messages.listAround(requireAuth(request), request.params.id, around, limit);
      if (after !== undefined) return messages.listAfter(requireAuth(request), request.params.id, after, limit);
      return messages.list(requireAuth(request), request.params.id, before, limit);
    },
  );

  app.post(
    '/api/tickets/:id/messages',
    {
      schema: {
        tags,
        summary: 'Send a message: JSON { body, quotedMessageId? } or multipart with a file (image, video, audio, voice note, document)',
        params: idParams,
        body: sendBodySchema.nullish(),
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: messageSchema, ...errors },
      },
      config: { limit: 'messagesPerMonth', params: { id: 'ticket' } },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      if (request.isMultipart()) {
        const input = await readMultipart(
          request.parts() as AsyncIterableIterator<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>,
        );
        return reply.status(201).send(await messages.send(auth, request.params.id, input));
      }
      const parsed = sendMessageRequestSchema.safeParse(request.body);
      if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])));
      return reply.status(201).send(await messages.send(auth, request.params.id, parsed.data));
    },
  );

  app.post(
    '/api/tickets/:id/template',
    {
      schema: {
        tags,
        summary: 'Send an approved WhatsApp template (allowed outside the 24-hour window)',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(512),
          language: z.string().trim().min(2).max(15),
          components: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
          preview: z.string().max(4096).optional(),
        }),
        response: { 201: messageSchema, ...errors },
      },
      config: { limit: 'messagesPerMonth', params: { id: 'ticket' } },
    },
    async (request, reply) => reply.status(201).send(await messages.sendTemplate(requireAuth(request), request.params.id, request.body)),
  );

  app.post(
    '/api/messages/:id/reaction',
    {
      schema: {
        tags,
        summary: 'React to a message with an emoji (empty string removes your reaction)',
        params: idParams,
        body: z.object({ emoji: z.string().max(16) }),
        response: { 200: messageSchema, ...errors },
      },
      config: { params: { id: 'message' } },
    },
    async (request) => messages.react(requireAuth(request), request.params.id, request.body.emoji),
  );

  app.post(
    '/api/messages/:id/retry',
    {
      schema: { tags, summary: 'Send a failed message again', params: idParams, response: { 200: messageSchema, ...errors } },
      config: { params: { id: 'message' } },
    },
    async (request) => messages.retry(requireAuth(request), request.params.id),
  );

  app.get(
    '/api/messages/:id/media',
    { schema: { tags, summary: 'The file of a media message', params: idParams }, config: { params: { id: 'message' } } },
    async (request, reply) => {
      const media = await messages.mediaOf(requireAuth(request), request.params.id);
      return sendStoredFile(reply, media);
    },
  );
};
