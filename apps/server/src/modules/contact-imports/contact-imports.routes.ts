import type { MultipartFile } from '@fastify/multipart';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactImportSchema, errorBodySchema, importMappingSchema, importPreviewSchema } from '@jimmy/contracts';
import { DomainError, invalid } from '../../infra/errors.js';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { ContactImportsService } from './contact-imports.service.js';
import type { ContactsExport } from './contacts-export.js';
import type { ImportFiles } from './import-files.js';

const tags = ['contacts'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 413: errorBodySchema };
/** The whole contact base leaves or enters through these routes: managers only. */
const roles = ['admin', 'supervisor'] as const;
/** 100,000 contacts with a few custom fields are ~10 MB; the limit leaves room for a million. */
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

type Part = MultipartFile | { type: 'field'; fieldname: string; value: unknown };

/** The multipart `file` streamed to disk, and the text fields around it (in any order). */
async function receiveUpload(parts: AsyncIterableIterator<Part>, files: ImportFiles, companyId: number) {
  const fields: Record<string, string> = {};
  let upload: { file: string; fileName: string } | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw invalid({ [part.fieldname]: 'send exactly one file, in the field "file"' });
        }
        const received = await files.receive(companyId, part.file, () => part.file.truncated);
        if (received === 'too_large')
          throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, 413);
        upload = { file: received.file, fileName: (part.filename || 'contatos.csv').slice(0, 200) };
        if (received.bytes === 0) throw invalid({ file: 'is empty' });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (upload) await files.remove(upload.file);
    throw error;
  }
  if (!upload) throw invalid({ file: 'required: a CSV file in the multipart field "file"' });
  return { upload, fields };
}

function parseMapping(raw: string | undefined) {
  if (raw === undefined) return { error: { mapping: 'required: a JSON object { "<column>": "name" | "phone" | … }' } };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: { mapping: 'is not valid JSON' } };
  }
  const parsed = importMappingSchema.safeParse(json);
  if (!parsed.success) {
    return { error: Object.fromEntries(parsed.error.issues.map((i) => [['mapping', ...i.path].join('.'), i.message])) };
  }
  return { mapping: parsed.data };
}

export const contactImportsRoutes: FastifyPluginAsyncZod<{
  imports: ContactImportsService;
  exporter: ContactsExport;
  files: ImportFiles;
}> = async (app, { imports, exporter, files }) => {
  // Fastify closes HTTP before the job workers: a running import stops at its next batch and resumes after the restart.
  app.addHook('onClose', async () => imports.stop());

  const multipart = (request: Parameters<typeof requireAuth>[0]) => {
    if (!request.isMultipart()) throw invalid({ file: 'send multipart/form-data with a CSV in the field "file"' });
    return request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } }) as AsyncIterableIterator<Part>;
  };

  app.post(
    '/api/contacts/imports/preview',
    {
      schema: {
        tags,
        summary: 'Read the header and first rows of a CSV (multipart `file`), with its delimiter and a suggested column mapping',
        consumes: ['multipart/form-data'],
        response: { 200: importPreviewSchema, ...errors },
      },
      config: { roles },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { upload } = await receiveUpload(multipart(request), files, auth.companyId);
      return imports.preview(auth.companyId, upload.file);
    },
  );

  app.post(
    '/api/contacts/imports',
    {
      schema: {
        tags,
        summary:
          'Import contacts from a CSV: multipart `file` + `mapping` (JSON: column → name | phone | email | tags | customField:<key> | ignore), optional `locale` (pt-BR | en) for the report. Runs as a job; poll GET /api/contacts/imports/:id or listen to contacts.import.progress',
        consumes: ['multipart/form-data'],
        response: { 202: contactImportSchema, ...errors },
      },
      config: { roles },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { upload, fields } = await receiveUpload(multipart(request), files, auth.companyId);
      const mapping = parseMapping(fields.mapping);
      const locale = fields.locale ?? 'pt-BR';
      if (mapping.error || (locale !== 'pt-BR' && locale !== 'en')) {
        await files.remove(upload.file);
        throw invalid({ ...mapping.error, ...(locale !== 'pt-BR' && locale !== 'en' && { locale: 'must be pt-BR or en' }) });
      }
      return reply.status(202).send(await imports.start(auth, upload, mapping.mapping, locale));
    },
  );

  app.get(
    '/api/contacts/imports/:id',
    {
      schema: {
        tags,
        summary: 'Status, counts and progress of a contact import',
        params: idParams,
        response: { 200: contactImportSchema, ...errors },
      },
      config: { roles, params: { id: 'contactImport' } },
    },
    async (request) => imports.get(requireAuth(request).companyId, request.params.id),
  );

  app.get(
    '/api/contacts/imports/:id/report.csv',
    {
      schema: {
        tags,
        summary: 'The rows that were not imported (rejected and repeated), with the original columns plus line and reason',
        params: idParams,
        produces: ['text/csv'],
        response: { 200: z.any(), ...errors },
      },
      config: { roles, params: { id: 'contactImport' } },
    },
    async (request, reply) => {
      const report = await imports.reportOf(requireAuth(request).companyId, request.params.id);
      const size = (await stat(report.path)).size;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-length', size)
        .header(
          'content-disposition',
          `attachment; filename="${report.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(report.path));
    },
  );

  app.get(
    '/api/contacts/export.csv',
    {
      schema: {
        tags,
        summary: 'Contacts as CSV (UTF-8 with BOM, ";" separated: opens in Excel pt-BR and re-imports as it is), filtered like the list',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          tagIds: z
            .string()
            .regex(/^\d+(,\d+)*$/, 'comma-separated tag ids')
            .max(2000)
            .optional(),
          tagMode: z.enum(['any', 'all']).default('any'),
          lang: z.enum(['pt-BR', 'en']).default('pt-BR'),
        }),
        produces: ['text/csv'],
        response: { 200: z.any(), ...errors },
      },
      config: { roles },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { q, tagIds, tagMode, lang } = request.query;
      const stream = exporter.stream(auth.companyId, { q, tagIds: tagIds ? tagIds.split(',').map(Number) : [], tagMode }, lang);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="contatos-${day}.csv"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
};
