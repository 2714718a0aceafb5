import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import {
  aiSuggestionSchema,
  consoleIntegrationsSchema,
  errorBodySchema,
  messageSchema,
  typebotSettingsSchema,
  typebotStartedSchema,
  updateTypebotSettingsRequestSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { findAiIntegration } from '../flows/index.js';
import type { AiAssistService } from './ai-assist.service.js';
import type { TypebotRelay } from './typebot-relay.js';
import { findTypebotIntegration, type TypebotSettingsService } from './typebot-settings.js';

const tags = ['integrations'];
const errors = {
  400: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  422: errorBodySchema,
  429: errorBodySchema,
  502: errorBodySchema,
  504: errorBodySchema,
};
const onTicket = { params: { id: 'ticket' } } as const;
// Each AI call costs the company money at its provider: a runaway script or a stuck key stops here.
const aiCall = { ...onTicket, rateLimit: { max: 30, timeWindow: '1 minute' } } as const;

/** The console's AI assist actions, the Typebot settings and "Enviar para o Typebot". */
export const integrationsRoutes: FastifyPluginAsyncZod<{
  pool: pg.Pool;
  assist: AiAssistService;
  typebot: TypebotRelay;
  typebotSettings: TypebotSettingsService;
}> = async (app, { pool, assist, typebot, typebotSettings }) => {
  app.get(
    '/api/integrations/console',
    {
      schema: {
        tags,
        summary: 'Which integration actions the console offers (AI assist, Typebot): configured, switched on and allowed',
        response: { 200: consoleIntegrationsSchema, ...errors },
      },
    },
    async (request) => {
      const { companyId } = requireAuth(request);
      const [ai, bot] = await Promise.all([findAiIntegration(pool, companyId), findTypebotIntegration(pool, companyId)]);
      const aiOn = Boolean(ai?.enabled);
      return { suggestReply: aiOn && Boolean(ai?.suggestReply), summarize: aiOn && Boolean(ai?.summarize), typebot: Boolean(bot?.enabled) };
    },
  );
  app.post(
    '/api/tickets/:id/ai/suggest-reply',
    {
      schema: {
        tags,
        summary: 'Sugerir resposta: a draft reply from the conversation, for the composer (never sent by the server)',
        params: idParams,
        response: { 200: aiSuggestionSchema, ...errors },
      },
      config: aiCall,
    },
    async (request) => assist.suggestReply(requireAuth(request), request.params.id),
  );
  app.post(
    '/api/tickets/:id/ai/summary',
    {
      schema: {
        tags,
        summary: 'Resumir conversa: the AI summary saved as a private note (payload.ai = "summary")',
        params: idParams,
        response: { 201: messageSchema, ...errors },
      },
      config: aiCall,
    },
    async (request, reply) => reply.status(201).send(await assist.summarize(requireAuth(request), request.params.id)),
  );
  app.post(
    '/api/tickets/:id/typebot',
    {
      schema: {
        tags,
        summary: 'Enviar para o Typebot: the ticket becomes the bot’s until Typebot ends (then its queue) or a person takes over',
        params: idParams,
        response: { 202: typebotStartedSchema, ...errors },
      },
      config: onTicket,
    },
    async (request, reply) => reply.status(202).send(await typebot.start(requireAuth(request), request.params.id)),
  );
  app.get(
    '/api/settings/typebot',
    {
      schema: {
        tags,
        summary: 'The Typebot integration (the token is never returned: `hasApiToken`)',
        response: { 200: typebotSettingsSchema, ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request) => typebotSettings.get(requireAuth(request).companyId),
  );
  app.put(
    '/api/settings/typebot',
    {
      schema: {
        tags,
        summary: 'Set the Typebot base URL, public bot id and switch; `apiToken` omitted keeps the stored token, null removes it',
        body: updateTypebotSettingsRequestSchema,
        response: { 200: typebotSettingsSchema, ...errors },
      },
      config: { roles: ['admin'] },
    },
    async (request) => typebotSettings.update(requireAuth(request), request.body),
  );
};
