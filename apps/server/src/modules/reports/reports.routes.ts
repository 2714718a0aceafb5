import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { errorBodySchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import { surveyComments } from './comments.js';
import { csvStream, headersOf, rowOf, xlsxStream, type ExportLang, type ExportTable } from './export.js';
import { reportFilterQuery, resolveScope, type ReportFilterQuery, type ReportScope } from './filters.js';
import { agents, overview, queues } from './queries.js';
import { recomputeDay } from './recompute.js';
import { agentsSchema, overviewSchema, queuesSchema, recomputeSchema, surveyCommentsSchema } from './reports.schemas.js';

const tags = ['reports'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const managers = { roles: ['admin', 'supervisor'] } as const;
const admins = { roles: ['admin'] } as const;
const pageQuery = reportFilterQuery.extend({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const exportQuery = reportFilterQuery.extend({
  table: z.enum(['agents', 'queues', 'survey-comments', 'series']),
  format: z.enum(['csv', 'xlsx']),
  lang: z.enum(['pt-BR', 'en']).default('pt-BR'),
});
const EXPORT_ROWS_MAX = 100_000;

export const reportsRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool; now: () => Date }> = async (app, { pool, now }) => {
  const scopeOf = (companyId: number, query: ReportFilterQuery) => resolveScope(pool, companyId, query, now());

  app.get(
    '/api/reports/overview',
    {
      schema: {
        tags,
        summary: 'Cards, series, heatmap and CSAT for a period (from the hourly aggregates)',
        querystring: reportFilterQuery,
        response: { 200: overviewSchema, ...errors },
      },
      config: managers,
    },
    async (request) => overview(pool, await scopeOf(requireAuth(request).companyId, request.query), now()),
  );
  app.get(
    '/api/reports/agents',
    {
      schema: { tags, summary: 'Per-agent table', querystring: reportFilterQuery, response: { 200: agentsSchema, ...errors } },
      config: managers,
    },
    async (request) => agents(pool, await scopeOf(requireAuth(request).companyId, request.query)),
  );
  app.get(
    '/api/reports/queues',
    {
      schema: {
        tags,
        summary: 'Per-queue table (queueId null: tickets without a queue)',
        querystring: reportFilterQuery,
        response: { 200: queuesSchema, ...errors },
      },
      config: managers,
    },
    async (request) => queues(pool, await scopeOf(requireAuth(request).companyId, request.query)),
  );
  app.get(
    '/api/reports/survey-comments',
    {
      schema: {
        tags,
        summary: 'Survey answers with a comment, newest first (cursor pages)',
        querystring: pageQuery,
        response: { 200: surveyCommentsSchema, ...errors },
      },
      config: managers,
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      return surveyComments(pool, await scopeOf(requireAuth(request).companyId, filters), { ...(cursor && { cursor }), limit });
    },
  );
  app.get(
    '/api/reports/export',
    {
      schema: {
        tags,
        summary: 'A report table as CSV (UTF-8 BOM, ";") or XLSX, streamed',
        querystring: exportQuery,
        response: { 200: z.any().describe('text/csv or xlsx'), ...errors },
      },
      config: managers,
    },
    async (request, reply) => {
      const { table, format, lang, ...filters } = request.query;
      const scope = await scopeOf(requireAuth(request).companyId, filters);
      const rows = tableRows(pool, scope, table, lang, now());
      const headers = headersOf(table, lang);
      const day = (date: Date) => date.toISOString().slice(0, 10);
      const fileName = `report-${table}-${day(scope.from)}.${format}`;
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(format === 'csv' ? csvStream(headers, rows, lang) : xlsxStream(table, headers, rows));
    },
  );
  app.post(
    '/api/reports/recompute',
    {
      schema: {
        tags,
        summary: 'Recompute one local day from the raw rows, list the drift and rewrite the day',
        body: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD') }),
        response: { 200: recomputeSchema, ...errors },
      },
      config: admins,
    },
    async (request) => {
      const auth = requireAuth(request);
      const result = await recomputeDay(pool, auth.companyId, request.body.date);
      await pool.query(
        `insert into report_recomputes (company_id, day, trigger, drift_count, rows_rewritten) values ($1, $2, 'admin', $3, $4)
         on conflict (company_id, day, trigger) do update set drift_count = excluded.drift_count, rows_rewritten = excluded.rows_rewritten, ran_at = now()`,
        [auth.companyId, result.date, result.driftCount, result.rowsRewritten],
      );
      return result;
    },
  );
};

/** The rows of an exported table, the same values as its JSON (durations in whole seconds). */
async function* tableRows(pool: pg.Pool, scope: ReportScope, table: ExportTable, lang: ExportLang, now: Date) {
  if (table === 'agents') for (const item of (await agents(pool, scope)).items) yield rowOf.agents(item);
  if (table === 'queues') for (const item of (await queues(pool, scope)).items) yield rowOf.queues(item, lang);
  if (table === 'series')
    for (const item of (await overview(pool, scope, now)).series) yield rowOf.series(item, scope.zone, scope.bucket === 'hour');
  if (table === 'survey-comments') {
    let cursor: string | undefined;
    let sent = 0;
    do {
      const page = await surveyComments(pool, scope, { ...(cursor && { cursor }), limit: 200 });
      for (const item of page.items) yield rowOf.comments(item, scope.zone);
      sent += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && sent < EXPORT_ROWS_MAX);
  }
}
