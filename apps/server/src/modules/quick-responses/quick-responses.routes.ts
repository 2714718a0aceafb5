import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachmentOrderRequestSchema,
  contactCardRequestSchema,
  createQuickResponseRequestSchema,
  errorBodySchema,
  messageSchema,
  quickResponseListQuerySchema,
  quickResponseListSchema,
  quickResponseSchema,
  renderedQuickResponseSchema,
  sendQuickResponseRequestSchema,
  updateQuickResponseRequestSchema,
} from '@jimmy/contracts';
import { invalid } from '../../infra/errors.js';
import { sendStoredFile } from '../../infra/http-files.js';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { MAX_UPLOAD_BYTES, type OutgoingFile } from '../messages/index.js';
import type { QuickResponseSender } from './quick-responses.send.js';
import type { QuickResponsesService } from './quick-responses.service.js';

const tags = ['quick responses'];
const errors = {
  400: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  413: errorBodySchema,
  422: errorBodySchema,
};
const byId = { params: { id: 'quickResponse' } } as const;
const positive = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const attachmentParams = z.object({ id: positive, attachmentId: positive });
const attachmentConfig = { params: { id: 'quickResponse', attachmentId: 'quickResponseAttachment' } } as const;
const ticketParams = z.object({ id: positive, quickResponseId: positive });
const ticketConfig = { params: { id: 'ticket', quickResponseId: 'quickResponse' } } as const;
type Part = MultipartFile | { type: 'field'; fieldname: string; value: unknown };

/** Validated after the response is known to be visible, so another tenant's id answers 404, not 400. */
function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])));
  return parsed.data;
}

/** One `file` with the same limits as a message upload, and `asVoice` for audio. */
async function readUpload(parts: AsyncIterableIterator<Part>): Promise<{ file: OutgoingFile; asVoice: boolean }> {
  let file: OutgoingFile | undefined;
  let asVoice = false;
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) throw invalid({ [part.fieldname]: 'send exactly one file, in the field "file"' });
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw invalid({ file: `larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
      if (bytes.length === 0) throw invalid({ file: 'is empty' });
      file = { bytes, mimeType: part.mimetype || 'application/octet-stream', fileName: (part.filename || 'file').slice(0, 200) };
    } else if (part.fieldname === 'asVoice') {
      asVoice = String(part.value) === 'true';
    }
  }
  if (!file) throw invalid({ file: 'required in a multipart request' });
  return { file, asVoice };
}

export const quickResponsesRoutes: FastifyPluginAsyncZod<{ responses: QuickResponsesService; sender: QuickResponseSender }> = async (
  app,
  { responses, sender },
) => {
  app.get(
    '/api/quick-responses',
    {
      schema: {
        tags,
        summary:
          "Quick responses the caller may use: company-wide, their queues' and their own; `q` searches shortcut and text, accent-insensitive",
        querystring: quickResponseListQuerySchema,
        response: { 200: quickResponseListSchema, ...errors },
      },
    },
    async (request) => ({ items: await responses.list(requireAuth(request), request.query.q, request.query.limit) }),
  );

  app.post(
    '/api/quick-responses',
    {
      schema: {
        tags,
        summary: 'Create a quick response (company and queue scopes: admins and supervisors; personal: anyone)',
        body: createQuickResponseRequestSchema,
        response: { 201: quickResponseSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await responses.create(requireAuth(request), request.body)),
  );

  app.get(
    '/api/quick-responses/:id',
    { schema: { tags, summary: 'One quick response', params: idParams, response: { 200: quickResponseSchema, ...errors } }, config: byId },
    async (request) => responses.get(requireAuth(request), request.params.id),
  );

  app.put(
    '/api/quick-responses/:id',
    {
      schema: {
        tags,
        summary: 'Change a quick response',
        params: idParams,
        body: updateQuickResponseRequestSchema,
        response: { 200: quickResponseSchema, ...errors },
      },
      config: byId,
    },
    async (request) => responses.update(requireAuth(request), request.params.id, request.body),
  );

  app.delete(
    '/api/quick-responses/:id',
    { schema: { tags, summary: 'Delete a quick response', params: idParams, response: { 204: z.null(), ...errors } }, config: byId },
    async (request, reply) => {
      await responses.remove(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/quick-responses/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Add an attachment: multipart with a `file` (image, video, audio, document; `asVoice=true` sends audio as a voice note) or JSON { kind: "contact", contactId } / { kind: "contact", name, phone }',
        params: idParams,
        body: z.record(z.string(), z.unknown()).nullish(),
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: quickResponseSchema, ...errors },
      },
      config: byId,
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      if (request.isMultipart()) {
        const { file, asVoice } = await readUpload(request.parts() as AsyncIterableIterator<Part>);
        return reply.status(201).send(await responses.addFile(auth, request.params.id, file, asVoice));
      }
      await responses.get(auth, request.params.id);
      const card = parse(contactCardRequestSchema, request.body ?? {});
      return reply.status(201).send(await responses.addContactCard(auth, request.params.id, card));
    },
  );

  app.put(
    '/api/quick-responses/:id/attachments/order',
    {
      schema: {
        tags,
        summary: 'Reorder the attachments: every attachment id, in the order they are sent',
        params: idParams,
        body: z.record(z.string(), z.unknown()).nullish(),
        response: { 200: quickResponseSchema, ...errors },
      },
      config: byId,
    },
    async (request) => {
      const auth = requireAuth(request);
      await responses.get(auth, request.params.id);
      const { attachmentIds } = parse(attachmentOrderRequestSchema, request.body ?? {});
      return responses.reorder(auth, request.params.id, attachmentIds);
    },
  );

  app.delete(
    '/api/quick-responses/:id/attachments/:attachmentId',
    {
      schema: { tags, summary: 'Remove an attachment', params: attachmentParams, response: { 200: quickResponseSchema, ...errors } },
      config: attachmentConfig,
    },
    async (request) => responses.removeAttachment(requireAuth(request), request.params.id, request.params.attachmentId),
  );

  app.get(
    '/api/quick-responses/:id/attachments/:attachmentId/file',
    { schema: { tags, summary: 'The stored file of an attachment (previews)', params: attachmentParams }, config: attachmentConfig },
    async (request, reply) =>
      sendStoredFile(reply, await responses.attachmentFile(requireAuth(request), request.params.id, request.params.attachmentId)),
  );

  app.get(
    '/api/tickets/:id/quick-responses/:quickResponseId/preview',
    {
      schema: {
        tags,
        summary: "The response's text with this ticket's variables filled, and the variables nobody can fill",
        params: ticketParams,
        response: { 200: renderedQuickResponseSchema, ...errors },
      },
      config: ticketConfig,
    },
    async (request) => sender.preview(requireAuth(request), request.params.id, request.params.quickResponseId),
  );

  app.post(
    '/api/tickets/:id/quick-responses/:quickResponseId/send',
    {
      schema: {
        tags,
        summary:
          'Send a quick response in this conversation: the (possibly edited) text with its variables filled, then each attachment in order. 422 when a variable is unknown or a file is missing; nothing is sent then',
        params: ticketParams,
        body: sendQuickResponseRequestSchema,
        response: { 201: z.object({ items: z.array(messageSchema) }), ...errors },
      },
      config: { ...ticketConfig, limit: 'messagesPerMonth' },
    },
    async (request, reply) =>
      reply.status(201).send(await sender.send(requireAuth(request), request.params.id, request.params.quickResponseId, request.body)),
  );
};
