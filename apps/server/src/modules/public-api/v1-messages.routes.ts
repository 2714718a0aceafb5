import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  v1MessageSchema,
  v1SendMessageRequestSchema,
  v1SentMessageSchema,
  type V1SendMessageRequest,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth, type AuthContext } from '../auth/index.js';
import type { MessagesService } from '../messages/index.js';
import type { OutreachMessage, OutreachService } from '../outreach/index.js';
import { curlAndJs } from './examples.js';

const tags = ['public API v1'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema };
/** Base64 of WhatsApp's largest accepted file (16 MB) plus the JSON around it. */
const SEND_BODY_LIMIT = 24 * 1024 * 1024;

function messageOf(auth: AuthContext, body: V1SendMessageRequest): OutreachMessage {
  if (body.text !== undefined) return { kind: 'text', text: body.text };
  if (body.template) return { kind: 'template', ...body.template };
  if (body.quickResponse) return { kind: 'quickResponse', shortcut: body.quickResponse.shortcut, actor: auth };
  const media = body.media!;
  const source = media.url
    ? { url: media.url }
    : { file: { bytes: Buffer.from(media.upload!.data, 'base64'), mimeType: media.upload!.mimeType, fileName: media.filename ?? 'file' } };
  return { kind: 'media', source, ...(media.caption && { caption: media.caption }), ...(media.filename && { fileName: media.filename }) };
}

export const v1MessagesRoutes: FastifyPluginAsyncZod<{ outreach: OutreachService; messages: MessagesService }> = async (
  app,
  { outreach, messages },
) => {
  app.post(
    '/api/v1/messages',
    {
      bodyLimit: SEND_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Send a message to a phone number (scope messages:send)',
        description: [
          'Sends a text, a file (by URL or base64 upload), an approved template with parameters, or a quick response (by its shortcut) through one of your WhatsApp connections.',
          'The contact is found by number or created; its open ticket on that connection is used, or a new one is opened with `ticket` (queue, agent, tags, `close`).',
          'On a WhatsApp Cloud API number, only a template may start a conversation or follow 24 hours of customer silence (`422 WINDOW_CLOSED` otherwise).',
          'The message is queued (`status: "pending"`); poll `GET /api/v1/messages/{id}` or subscribe to the `message.status` webhook. Send an `Idempotency-Key` header to retry safely.',
          '',
          curlAndJs('POST', '/api/v1/messages', { connectionId: 1, to: '+5511912345678', text: 'Seu pedido #1234 saiu para entrega.' }),
          '',
          'A template: `{"connectionId":1,"to":"+5511912345678","template":{"name":"order_update","language":"pt_BR","parameters":["#1234"]}}`; a file: `{"connectionId":1,"to":"+5511912345678","media":{"url":"https://example.com/nota.pdf","caption":"Sua nota"}}`.',
        ].join('\n'),
        body: v1SendMessageRequestSchema,
        response: { 201: v1SentMessageSchema, ...errors, 409: errorBodySchema, 422: errorBodySchema },
      },
      config: { limit: 'messagesPerMonth', roles: ['admin'], apiScope: 'messages:send' },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const body = request.body;
      const result = await outreach.send({
        companyId: auth.companyId,
        connectionId: body.connectionId,
        phone: body.to,
        ...(body.name && { name: body.name }),
        origin: auth.apiToken
          ? { via: 'api', id: auth.apiToken.id, name: auth.apiToken.name }
          : { via: 'api', id: 0, name: auth.user.name },
        ...(body.ticket && { ticket: body.ticket }),
        message: messageOf(auth, body),
      });
      const first = result.messages[0]!;
      return reply.status(201).send({
        id: first.id,
        status: first.status,
        ticketId: result.ticket.id,
        contactId: result.contactId,
        ticketCreated: result.ticketCreated,
        contactCreated: result.contactCreated,
        messages: result.messages.map((m) => ({ id: m.id, status: m.status })),
      });
    },
  );

  app.get(
    '/api/v1/messages/:id',
    {
      schema: {
        tags,
        summary: 'A message and its delivery status (scope messages:read)',
        description: ['Any message of the company’s tickets, sent or received.', '', curlAndJs('GET', '/api/v1/messages/42')].join('\n'),
        params: idParams,
        response: { 200: v1MessageSchema, ...errors },
      },
      config: { roles: ['admin'], apiScope: 'messages:read', params: { id: 'message' } },
    },
    async (request) => {
      const m = await messages.get(requireAuth(request), request.params.id);
      return {
        id: m.id,
        ticketId: m.ticketId,
        direction: m.direction,
        type: m.type,
        body: m.body,
        status: m.status,
        error: m.error,
        externalId: m.externalId,
        createdAt: m.createdAt,
      };
    },
  );
};
