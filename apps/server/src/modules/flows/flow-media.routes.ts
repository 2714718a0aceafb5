import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema, flowMediaListSchema, flowMediaSchema } from '@jimmy/contracts';
import { invalid } from '../../infra/errors.js';
import { sendStoredFile } from '../../infra/http-files.js';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { MAX_UPLOAD_BYTES } from '../messages/index.js';
import type { FlowMediaLibrary, NewFlowMedia } from './flow-media.js';

const tags = ['flows'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 413: errorBodySchema };
const managers = { roles: ['admin', 'supervisor'] } as const;
type Part = MultipartFile | { type: 'field'; fieldname: string; value: unknown };

/** One `file`, with the limits of a message upload. */
async function readUpload(parts: AsyncIterableIterator<Part>): Promise<NewFlowMedia> {
  let file: NewFlowMedia | undefined;
  for await (const part of parts) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file' || file) throw invalid({ [part.fieldname]: 'send exactly one file, in the field "file"' });
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw invalid({ file: `larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
    if (bytes.length === 0) throw invalid({ file: 'is empty' });
    file = { bytes, mime: part.mimetype || 'application/octet-stream', name: part.filename || 'file', sourceUrl: null };
  }
  if (!file) throw invalid({ file: 'required in a multipart request' });
  return file;
}

export const flowMediaRoutes: FastifyPluginAsyncZod<{ library: FlowMediaLibrary }> = async (app, { library }) => {
  app.get(
    '/api/flows/media',
    {
      schema: {
        tags,
        summary: 'The media library of Media nodes (uploaded files), newest first',
        response: { 200: flowMediaListSchema, ...errors },
      },
      config: managers,
    },
    async (request) => ({ items: await library.list(requireAuth(request).companyId) }),
  );
  app.post(
    '/api/flows/media',
    {
      schema: {
        tags,
        summary: 'Upload a file for Media nodes: multipart with one `file` (image, video, audio or document by its type)',
        consumes: ['multipart/form-data'],
        response: { 201: flowMediaSchema, ...errors },
      },
      config: managers,
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      if (!request.isMultipart()) throw invalid({ file: 'required in a multipart request' });
      const file = await readUpload(request.parts() as AsyncIterableIterator<Part>);
      const { sourceUrl: _sourceUrl, createdAt: _createdAt, ...created } = await library.upload(auth.companyId, file);
      return reply.status(201).send(created);
    },
  );
  app.get(
    '/api/flows/media/:id/file',
    {
      schema: { tags, summary: 'The stored file of a library item (builder previews)', params: idParams },
      config: { ...managers, params: { id: 'flowMedia' } },
    },
    async (request, reply) => sendStoredFile(reply, await library.file(requireAuth(request).companyId, request.params.id)),
  );
};
