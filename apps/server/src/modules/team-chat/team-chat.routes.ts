import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chatConversationCreateSchema,
  chatConversationListSchema,
  chatConversationPatchSchema,
  chatConversationSchema,
  chatMessageListQuerySchema,
  chatMessageListSchema,
  chatMessageRequestSchema,
  chatMessageSchema,
  chatPresenceListSchema,
  chatReadRequestSchema,
  chatSearchQuerySchema,
  chatSearchResultSchema,
  chatUnreadSchema,
  chatUserListSchema,
  CHAT_BODY_MAX,
  errorBodySchema,
} from '@jimmy/contracts';
import { invalid } from '../../infra/errors.js';
import { sendStoredFile } from '../../infra/http-files.js';
import { idParams } from '../../infra/http-params.js';
import { requireAuth } from '../auth/index.js';
import { MAX_UPLOAD_BYTES } from '../messages/index.js';
import type { ChatFile, TeamChatService } from './team-chat.service.js';

const tags = ['team-chat'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 413: errorBodySchema };
const conversationConfig = { params: { id: 'chatConversation' } } as const;

type Part = MultipartFile | { type: 'field'; fieldname: string; value: unknown };

/** multipart: one `file` and an optional `body` caption. */
async function readMultipart(parts: AsyncIterableIterator<Part>): Promise<{ body: string; file: ChatFile }> {
  let body = '';
  let file: ChatFile | undefined;
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) throw invalid({ [part.fieldname]: 'send exactly one file, in the field "file"' });
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw invalid({ file: `larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
      if (bytes.length === 0) throw invalid({ file: 'is empty' });
      file = { bytes, mimeType: part.mimetype || 'application/octet-stream', fileName: (part.filename || 'file').slice(0, 200) };
    } else if (part.fieldname === 'body') {
      body = String(part.value);
    }
  }
  if (!file) throw invalid({ file: 'required in a multipart request' });
  if (body.length > CHAT_BODY_MAX) throw invalid({ body: `at most ${CHAT_BODY_MAX} characters` });
  return { body, file };
}

export const teamChatRoutes: FastifyPluginAsyncZod<{ chat: TeamChatService }> = async (app, { chat }) => {
  app.get(
    '/api/chat/users',
    { schema: { tags, summary: 'The company users a conversation can be started with', response: { 200: chatUserListSchema } } },
    async (request) => ({ items: await chat.users(requireAuth(request)) }),
  );
  app.get(
    '/api/chat/conversations',
    {
      schema: {
        tags,
        summary: "The caller's conversations, most recent first, with unread counts and members' read state",
        response: { 200: chatConversationListSchema },
      },
    },
    async (request) => ({ items: await chat.list(requireAuth(request)) }),
  );
  app.post(
    '/api/chat/conversations',
    {
      schema: {
        tags,
        summary: 'Open the 1:1 with a user (200 when it already exists, 201 when new), or create a group (the caller is its admin)',
        body: chatConversationCreateSchema,
        response: { 200: chatConversationSchema, 201: chatConversationSchema, ...errors },
      },
      config: { limit: 'internalChat' },
    },
    async (request, reply) => {
      const { conversation, created } = await chat.create(requireAuth(request), request.body);
      return reply.status(created ? 201 : 200).send(conversation);
    },
  );
  app.get(
    '/api/chat/conversations/:id',
    {
      schema: {
        tags,
        summary: 'One conversation the caller is in',
        params: idParams,
        response: { 200: chatConversationSchema, ...errors },
      },
      config: conversationConfig,
    },
    async (request) => chat.get(requireAuth(request), request.params.id),
  );
  app.patch(
    '/api/chat/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Rename a group or set its members: its admins, or any company admin or supervisor',
        params: idParams,
        body: chatConversationPatchSchema,
        response: { 200: chatConversationSchema, ...errors },
      },
      config: conversationConfig,
    },
    async (request) => chat.update(requireAuth(request), request.params.id, request.body),
  );
  app.get(
    '/api/chat/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages, newest first; pass nextCursor as `before` for older ones',
        params: idParams,
        querystring: chatMessageListQuerySchema,
        response: { 200: chatMessageListSchema, ...errors },
      },
      config: conversationConfig,
    },
    async (request) => chat.messages(requireAuth(request), request.params.id, request.query.before, request.query.limit),
  );
  app.post(
    '/api/chat/conversations/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Post a message: JSON { body } or multipart with `file` (and an optional `body`); `@Full Name` mentions a member, `#1234` links a ticket',
        params: idParams,
        body: z.union([chatMessageRequestSchema, z.object({ body: z.string().optional() })]).nullish(),
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: chatMessageSchema, ...errors },
      },
      config: { ...conversationConfig, limit: 'internalChat' },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      if (request.isMultipart()) {
        const input = await readMultipart(request.parts() as AsyncIterableIterator<Part>);
        return reply.status(201).send(await chat.post(auth, request.params.id, input));
      }
      const parsed = chatMessageRequestSchema.safeParse(request.body ?? {});
      if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])));
      return reply.status(201).send(await chat.post(auth, request.params.id, parsed.data));
    },
  );
  app.post(
    '/api/chat/conversations/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark the conversation read up to a message (read state only moves forward)',
        params: idParams,
        body: chatReadRequestSchema,
        response: { 204: z.null(), ...errors },
      },
      config: { ...conversationConfig, allowReadOnly: true },
    },
    async (request, reply) => {
      await chat.read(requireAuth(request), request.params.id, request.body.messageId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/chat/messages/:id/attachment',
    {
      schema: { tags, summary: "A chat message's file (members of its conversation only)", params: idParams },
      config: { params: { id: 'chatMessage' } },
    },
    async (request, reply) => sendStoredFile(reply, await chat.attachment(requireAuth(request), request.params.id)),
  );
  app.get(
    '/api/chat/search',
    {
      schema: {
        tags,
        summary: "Messages containing the text, in the caller's conversations only",
        querystring: chatSearchQuerySchema,
        response: { 200: chatSearchResultSchema, ...errors },
      },
    },
    async (request) => chat.search(requireAuth(request), request.query.q),
  );
  app.get(
    '/api/chat/presence',
    { schema: { tags, summary: "Every company user's presence: online, away or offline", response: { 200: chatPresenceListSchema } } },
    async (request) => ({ items: await chat.presence(requireAuth(request)) }),
  );
  app.get(
    '/api/chat/unread',
    { schema: { tags, summary: 'How many chat messages the caller has not read', response: { 200: chatUnreadSchema } } },
    async (request) => chat.unread(requireAuth(request)),
  );
};
