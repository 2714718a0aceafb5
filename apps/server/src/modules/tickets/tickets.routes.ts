import type pg from 'pg';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Ticket,
  closeTicketRequestSchema,
  errorBodySchema,
  ticketListQuerySchema,
  ticketListSchema,
  ticketEventSchema,
  ticketSchema,
  transferTicketRequestSchema,
} from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { TicketsService } from './tickets.service.js';
import { idParams } from '../../infra/http-params.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';

/**
 * What else happens in the closing transaction: the satisfaction survey (the surveys module
 * implements it; declared here so tickets do not depend on surveys). `ticket` is the ticket after it.
 */
export interface CloseFollowUp {
  sendIn(
    q: pg.PoolClient,
    companyId: number,
    ticket: Ticket,
    closedByUserId: number,
    requested?: boolean,
  ): Promise<Done<{ ticket: Ticket } | null>>;
}

const tags = ['tickets'];
const errors = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const byId = { params: { id: 'ticket' } } as const;

export const ticketsRoutes: FastifyPluginAsyncZod<{
  tickets: TicketsService;
  surveys: CloseFollowUp;
  unit: Parameters<typeof commit>[0];
}> = async (app, { tickets, surveys, unit }) => {
  app.get(
    '/api/tickets',
    {
      schema: {
        tags,
        summary: 'Tickets the caller may see, newest activity first (cursor paginated)',
        querystring: ticketListQuerySchema,
        response: { 200: ticketListSchema },
      },
    },
    async (request) => tickets.list(requireAuth(request), request.query),
  );
  app.post(
    '/api/tickets',
    {
      schema: {
        tags,
        summary: 'Start a conversation with a WhatsApp number (on WhatsApp Cloud the first message must be a template)',
        body: z.object({
          connectionId: z.number().int().positive(),
          phone: z
            .string()
            .trim()
            .regex(/^\+?[0-9 ()-]{8,20}$/, 'a phone number with country code'),
          name: z.string().trim().max(120).optional(),
        }),
        response: { 200: ticketSchema, 201: ticketSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ticket, created } = await tickets.start(requireAuth(request), request.body);
      return reply.status(created ? 201 : 200).send(ticket);
    },
  );
  app.get(
    '/api/tickets/:id',
    { schema: { tags, summary: 'One ticket', params: idParams, response: { 200: ticketSchema, ...errors } }, config: byId },
    async (request) => tickets.readable(requireAuth(request), request.params.id),
  );
  app.get(
    '/api/tickets/:id/events',
    {
      schema: {
        tags,
        summary: "The ticket's history: created, menu, queue, assignment, transfers, callbacks, closing, survey (oldest first)",
        params: idParams,
        response: { 200: z.object({ items: z.array(ticketEventSchema) }), ...errors },
      },
      config: byId,
    },
    async (request) => ({ items: await tickets.events(requireAuth(request), request.params.id) }),
  );
  app.post(
    '/api/tickets/:id/accept',
    {
      schema: {
        tags,
        summary: 'Take a pending ticket: it becomes open and yours',
        params: idParams,
        response: { 200: ticketSchema, ...errors },
      },
      config: byId,
    },
    async (request) => tickets.accept(requireAuth(request), request.params.id),
  );
  app.post(
    '/api/tickets/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Move a ticket to a queue and/or an agent, with an optional note',
        params: idParams,
        body: transferTicketRequestSchema,
        response: { 200: ticketSchema, ...errors },
      },
      config: byId,
    },
    async (request) => tickets.transfer(requireAuth(request), request.params.id, request.body),
  );
  app.post(
    '/api/tickets/:id/close',
    {
      schema: {
        tags,
        summary: "Close a ticket; the satisfaction survey follows per the company's setting (`sendSurvey` is the agent's choice)",
        params: idParams,
        body: closeTicketRequestSchema,
        response: { 200: ticketSchema, ...errors },
      },
      config: byId,
    },
    async (request) => {
      const auth = requireAuth(request);
      const id = request.params.id;
      // The close and the survey's question commit together: no closed ticket that missed its survey.
      return commit(unit, async (client) => {
        const before = await tickets.get(auth, id, client);
        const closed = await tickets.closeIn(client, auth, id);
        if (before.status === 'closed') return closed;
        const survey = await surveys.sendIn(client, auth.companyId, closed.value, auth.userId, request.body?.sendSurvey);
        return done(survey.value?.ticket ?? closed.value, [...closed.events, ...survey.events], [...closed.wake, ...survey.wake]);
      });
    },
  );
  app.post(
    '/api/tickets/:id/reopen',
    {
      schema: { tags, summary: 'Reopen a closed ticket, assigned to you', params: idParams, response: { 200: ticketSchema, ...errors } },
      config: byId,
    },
    async (request) => tickets.reopen(requireAuth(request), request.params.id),
  );
  app.post(
    '/api/tickets/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark the conversation read (clears the unread badge)',
        params: idParams,
        response: { 200: ticketSchema, ...errors },
      },
      config: { ...byId, allowReadOnly: true },
    },
    async (request) => tickets.markRead(requireAuth(request), request.params.id),
  );
};
