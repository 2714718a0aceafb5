import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema, messageSearchResultSchema, searchMessagesQuerySchema } from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { SearchService } from './search.service.js';

export const searchRoutes: FastifyPluginAsyncZod<{ search: SearchService }> = async (app, { search }) => {
  app.get(
    '/api/search/messages',
    {
      schema: {
        tags: ['search'],
        summary:
          'Full-text search of message text (Portuguese, accent-insensitive) in every ticket the caller may see, newest first. ' +
          '`q` takes words, "quoted phrases", `or` and `-exclusions`; only its first 200 characters are read. ' +
          'Each hit carries a snippet as segments with `match` flags (plain text, never HTML).',
        querystring: searchMessagesQuerySchema,
        response: { 200: messageSearchResultSchema, 400: errorBodySchema },
      },
    },
    async (request) => search.messages(requireAuth(request), request.query),
  );
};
