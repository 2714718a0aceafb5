import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTagRuleRequestSchema,
  errorBodySchema,
  kanbanBoardSchema,
  kanbanLanesRequestSchema,
  kanbanMoveRequestSchema,
  tagRuleListSchema,
  tagRuleSchema,
  tagSchema,
  ticketSchema,
  updateTagRuleRequestSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import type { KanbanService } from './kanban.service.js';
import type { TagRulesService } from './tag-rules.service.js';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const admins = { roles: ['admin'] } as const;

export const kanbanRoutes: FastifyPluginAsyncZod<{ kanban: KanbanService; rules: TagRulesService }> = async (app, { kanban, rules }) => {
  const tags = ['kanban'];
  app.get(
    '/api/kanban',
    {
      schema: {
        tags,
        summary: 'The board: "Em aberto" then each lane in order, with the pending and open tickets you can see (newest activity first)',
        response: { 200: kanbanBoardSchema },
      },
    },
    async (request) => kanban.board(requireAuth(request)),
  );
  app.put(
    '/api/kanban/lanes',
    {
      schema: {
        tags,
        summary: 'Choose the lanes: tags in board order, each with an optional message sent once when a card enters it',
        body: kanbanLanesRequestSchema,
        response: { 200: z.object({ items: z.array(tagSchema) }), ...errors },
      },
      config: admins,
    },
    async (request) => ({ items: await kanban.setLanes(requireAuth(request), request.body) }),
  );
  app.post(
    '/api/kanban/move',
    {
      schema: {
        tags,
        summary: 'Move a card: the ticket leaves its other lanes and enters this one (null: "Em aberto"); answers the ticket',
        body: kanbanMoveRequestSchema,
        response: { 200: ticketSchema, ...errors },
      },
    },
    async (request) => kanban.move(requireAuth(request), request.body.ticketId, request.body.tagId),
  );

  const ruleTags = ['tags'];
  const byId = { ...admins, params: { id: 'tagRule' } } as const;
  app.get(
    '/api/tag-rules',
    {
      schema: {
        tags: ruleTags,
        summary: 'Rules that tag tickets from what customers write',
        response: { 200: tagRuleListSchema, ...errors },
      },
      config: admins,
    },
    async (request) => ({ items: await rules.list(requireAuth(request)) }),
  );
  app.post(
    '/api/tag-rules',
    {
      schema: {
        tags: ruleTags,
        summary: 'Add a rule: when a customer message contains the text (ignoring case and accents) or matches the regex, tag the ticket',
        body: createTagRuleRequestSchema,
        response: { 201: tagRuleSchema, ...errors },
      },
      config: admins,
    },
    async (request, reply) => reply.status(201).send(await rules.create(requireAuth(request), request.body)),
  );
  app.put(
    '/api/tag-rules/:id',
    {
      schema: {
        tags: ruleTags,
        summary: 'Change a rule (only the fields given change)',
        params: idParams,
        body: updateTagRuleRequestSchema,
        response: { 200: tagRuleSchema, ...errors },
      },
      config: byId,
    },
    async (request) => rules.update(requireAuth(request), request.params.id, request.body),
  );
  app.delete(
    '/api/tag-rules/:id',
    { schema: { tags: ruleTags, summary: 'Delete a rule', params: idParams, response: { 204: z.null(), ...errors } }, config: byId },
    async (request, reply) => {
      await rules.remove(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
