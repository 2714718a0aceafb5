import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  closeTicketRequestSchema,
  errorBodySchema,
  ticketListQuerySchema,
  ticketListSchema,
  ticketSchema,
  transferTicketRequestSchema,
} from '@jimmy/contracts';
import { requireAuth } from '../auth/index.js';
import type { TicketsService } from './tickets.service.js';
import { idParams } from '../../infra/http-params.js';

const tags = ['tickets'];
const errors = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const byId = { params: { id: 'ticket' } } as const;

export const ticketsRoutes: FastifyPluginAsyncZod<{ tickets: TicketsService }> = async (app, { tickets }) => {
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
    async (request) => tickets.get(requireAuth(request), request.params.id),
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
        summary: 'Close a ticket',
        params: idParams,
        body: closeTicketRequestSchema,
        response: { 200: ticketSchema, ...errors },
      },
      config: byId,
    },
    async (request) => tickets.close(requireAuth(request), request.params.id),
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
      config: byId,
    },
    async (request) => tickets.markRead(requireAuth(request), request.params.id),
  );
};
