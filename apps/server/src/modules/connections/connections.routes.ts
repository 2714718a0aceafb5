import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ChannelError } from '@jimmy/channels';
import {
  connectionSchema,
  createConnectionRequestSchema,
  errorBodySchema,
  pairingCodeRequestSchema,
  updateConnectionRequestSchema,
} from '@jimmy/contracts';
import { DomainError } from '../../infra/errors.js';
import { requireAuth } from '../auth/index.js';
import type { CloudTransport } from './cloud.transport.js';
import type { ConnectionsService } from './connections.service.js';
import type { QrSessions } from './transport.js';
import { idParams } from '../../infra/http-params.js';

const tags = ['connections'];
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema };
const adminById = { roles: ['admin'], params: { id: 'connection' } } as const;

/** Where Meta should post: the public URL when configured, else the address the admin is using. */
const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

const templateSchema = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().optional(),
  components: z.array(z.record(z.string(), z.unknown())),
});

export const connectionsRoutes: FastifyPluginAsyncZod<{
  connections: ConnectionsService;
  cloud: CloudTransport;
  qrSessions: QrSessions;
}> = async (app, { connections, cloud, qrSessions }) => {
  const isAdmin = (request: FastifyRequest) => requireAuth(request).role === 'admin';

  app.get(
    '/api/connections',
    {
      schema: {
        tags,
        summary: 'Channel connections of the company (admins also get pairing QR codes)',
        response: { 200: z.object({ items: z.array(connectionSchema) }) },
      },
    },
    async (request) => ({
      items: await connections.list(requireAuth(request).companyId, baseUrlOf(request), isAdmin(request)),
    }),
  );

  app.get(
    '/api/connections/:id',
    {
      schema: { tags, summary: 'One connection', params: idParams, response: { 200: connectionSchema, ...errors } },
      config: { params: { id: 'connection' } },
    },
    async (request) =>
      connections.dtoOf(await connections.getRow(requireAuth(request).companyId, request.params.id), baseUrlOf(request), isAdmin(request)),
  );

  const qrConnection = async (request: FastifyRequest, id: number) => {
    const row = await connections.getRow(requireAuth(request).companyId, id);
    if (row.type !== 'whatsapp_web')
      throw new DomainError('NOT_A_QR_CONNECTION', 'Only WhatsApp (QR code) connections have a session to manage', 400);
    return row;
  };
  const fresh = async (request: FastifyRequest, id: number) =>
    connections.dtoOf(await connections.getRow(requireAuth(request).companyId, id), baseUrlOf(request), true);

  app.post(
    '/api/connections/:id/reconnect',
    {
      schema: {
        tags,
        summary: 'WhatsApp (QR): start the session again (a new QR after a logout or when the last one expired)',
        params: idParams,
        response: { 200: connectionSchema, ...errors },
      },
      config: adminById,
    },
    async (request) => {
      await qrSessions.reconnect(await qrConnection(request, request.params.id));
      return fresh(request, request.params.id);
    },
  );

  app.post(
    '/api/connections/:id/logout',
    {
      schema: {
        tags,
        summary: 'WhatsApp (QR): unlink this device from the phone and forget its keys',
        params: idParams,
        response: { 200: connectionSchema, ...errors },
      },
      config: adminById,
    },
    async (request) => {
      await qrSessions.logout(await qrConnection(request, request.params.id));
      return fresh(request, request.params.id);
    },
  );

  app.post(
    '/api/connections/:id/pairing-code',
    {
      schema: {
        tags,
        summary: 'WhatsApp (QR): link with a phone number instead of scanning; the code arrives by the connection.qr event',
        params: idParams,
        body: pairingCodeRequestSchema,
        response: { 202: connectionSchema, ...errors },
      },
      config: adminById,
    },
    async (request, reply) => {
      const row = await qrConnection(request, request.params.id);
      if (row.status === 'open')
        throw new DomainError('ALREADY_PAIRED', 'This connection is already paired; log out first to pair another number', 409);
      try {
        await qrSessions.requestPairingCode(row, request.body.phoneNumber);
      } catch (error) {
        if (error instanceof ChannelError)
          throw new DomainError(
            'SESSION_NOT_RUNNING',
            'The WhatsApp session is not waiting for a pairing; press Reconnect and try again',
            409,
          );
        throw error;
      }
      return reply.status(202).send(await fresh(request, request.params.id));
    },
  );

  app.post(
    '/api/connections',
    {
      schema: {
        tags,
        summary: 'Create a WhatsApp Cloud API or web-chat connection (secrets are stored encrypted and never returned)',
        body: createConnectionRequestSchema,
        response: { 201: connectionSchema, ...errors },
      },
      config: { limit: 'connections', roles: ['admin'] },
    },
    async (request, reply) => reply.status(201).send(await connections.create(requireAuth(request), request.body, baseUrlOf(request))),
  );

  app.patch(
    '/api/connections/:id',
    {
      schema: {
        tags,
        summary:
          'Rename, set the queues (`queueIds`, menu order: one goes straight to it, several make a menu), the flow (`flowId`, published; null: none) or replace credentials',
        params: idParams,
        body: updateConnectionRequestSchema,
        response: { 200: connectionSchema, ...errors },
      },
      config: adminById,
    },
    async (request) => connections.update(requireAuth(request), request.params.id, request.body, baseUrlOf(request)),
  );

  app.delete(
    '/api/connections/:id',
    {
      schema: { tags, summary: 'Remove a connection; its conversations stay', params: idParams, response: { 204: z.null(), ...errors } },
      config: adminById,
    },
    async (request, reply) => {
      const row = await connections.getRow(requireAuth(request).companyId, request.params.id);
      // A QR connection also leaves the phone's "linked devices" (whichever node runs it does that).
      if (row.type === 'whatsapp_web')
        await qrSessions
          .logout(row)
          .catch((error: unknown) => request.log.warn({ err: error }, 'could not log out the QR session before deleting'));
      await connections.remove(requireAuth(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/connections/:id/test',
    {
      schema: {
        tags,
        summary: 'Check the Cloud API credentials against Meta and record the result',
        params: idParams,
        response: { 200: connectionSchema, ...errors },
      },
      config: adminById,
    },
    async (request) => {
      const auth = requireAuth(request);
      const row = await connections.getRow(auth.companyId, request.params.id);
      if (row.type !== 'whatsapp_cloud')
        throw new DomainError('NOT_A_CLOUD_CONNECTION', 'Only WhatsApp Cloud API connections have credentials to test', 400);
      try {
        const info = await cloud.client(row).checkCredentials();
        const updated = await connections.setHealth(auth.companyId, row.id, {
          status: 'open',
          lastError: null,
          displayPhoneNumber: info.displayPhoneNumber,
        });
        return await connections.dtoOf(updated ?? row, baseUrlOf(request));
      } catch (error) {
        if (!(error instanceof ChannelError)) throw error;
        const updated = await connections.setHealth(auth.companyId, row.id, {
          status: 'closed',
          lastError: `${error.code}: ${error.message}`,
        });
        return connections.dtoOf(updated ?? row, baseUrlOf(request));
      }
    },
  );

  app.get(
    '/api/connections/:id/templates',
    {
      schema: {
        tags,
        summary: 'Approved message templates of the WhatsApp Business Account',
        params: idParams,
        response: { 200: z.object({ items: z.array(templateSchema) }), ...errors },
      },
      config: { params: { id: 'connection' } },
    },
    async (request) => {
      const auth = requireAuth(request);
      const row = await connections.getRow(auth.companyId, request.params.id);
      const { wabaId } = connections.cloudCredentials(row);
      try {
        const templates = await cloud.client(row).listTemplates(wabaId);
        return {
          items: templates.map((t) => ({
            name: t.name,
            language: t.language,
            status: t.status,
            category: t.category,
            components: t.components as Record<string, unknown>[],
          })),
        };
      } catch (error) {
        if (error instanceof ChannelError) throw new DomainError('PROVIDER_ERROR', `WhatsApp answered: ${error.message}`, 502);
        throw error;
      }
    },
  );
};
