import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  contactHistorySchema,
  contactListQuerySchema,
  contactListSchema,
  contactSchema,
  errorBodySchema,
  updateContactRequestSchema,
} from '@jimmy/contracts';
import { requireAuth, type AuthContext } from '../auth/index.js';
import type { TicketsService } from '../tickets/index.js';
import type { ContactsService } from './contacts.service.js';
import { idParams } from '../../infra/http-params.js';
import type { EventBus } from '../../infra/events.js';
import { announceContactChanges } from './announce-changes.js';

const tags = ['contacts'];
const errors = { 400: errorBodySchema, 404: errorBodySchema };
const byId = { params: { id: 'contact' } } as const;

/** The private notes of some tickets (the notes module), shown in the service history. */
type NotesOf = (auth: AuthContext, ticketIds: number[]) => Promise<z.infer<typeof contactHistorySchema>['notes']>;

interface ContactsRoutesDeps {
  contacts: ContactsService;
  tickets: TicketsService;
  events: EventBus;
  notesOf?: NotesOf;
}

export const contactsRoutes: FastifyPluginAsyncZod<ContactsRoutesDeps> = async (app, { contacts, tickets, events, notesOf }) => {
  announceContactChanges(app, events);
  app.get(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts, searchable by name, email or number, filtered by tags (tagIds=1,2 and tagMode any|all)',
        querystring: contactListQuerySchema,
        response: { 200: contactListSchema },
      },
    },
    async (request) => contacts.list(requireAuth(request).companyId, request.query),
  );
  app.get(
    '/api/contacts/:id',
    { schema: { tags, summary: 'One contact', params: idParams, response: { 200: contactSchema, ...errors } }, config: byId },
    async (request) => contacts.get(requireAuth(request).companyId, request.params.id),
  );
  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: "Edit a contact's name, email, phone or custom fields",
        params: idParams,
        body: updateContactRequestSchema,
        response: { 200: contactSchema, ...errors },
      },
      config: byId,
    },
    async (request) => contacts.update(requireAuth(request).companyId, request.params.id, request.body),
  );
  app.get(
    '/api/contacts/:id/history',
    {
      schema: {
        tags,
        summary: 'Every ticket of the contact the caller may see, newest first',
        params: idParams,
        response: { 200: contactHistorySchema, ...errors },
      },
      config: byId,
    },
    async (request) => {
      const auth = requireAuth(request);
      await contacts.get(auth.companyId, request.params.id);
      const items = await tickets.history(auth, request.params.id);
      return {
        items,
        ...(notesOf && {
          notes: await notesOf(
            auth,
            items.map((t) => t.id),
          ),
        }),
      };
    },
  );
};
