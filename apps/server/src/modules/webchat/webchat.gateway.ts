import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { randomToken, safeEqual, sha256Hex, type LinkSigner } from '../../infra/crypto.js';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import type { ConnectionRow, ConnectionsService } from '../connections/index.js';
import { ingestConnectionOf, type IngestService } from '../ingest/index.js';
import type { MessagesService } from '../messages/index.js';
import { webchatMediaPath } from './webchat.media.js';
import { optionsOf, type WebchatRepository } from './webchat.repository.js';
import type { WebchatOutbox } from './webchat.transport.js';
interface VisitorData {
  connection: ConnectionRow;
  visitor?: { id: string; contactId: number };
}

const startSchema = z.object({
  name: z.string().trim().min(1).max(80),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/)
    .optional()
    .or(z.literal('')),
});
const messageSchema = z.object({
  clientId: z.string().uuid(),
  text: z.string().trim().min(1).max(4096),
  /** The id of the menu button the visitor tapped (its title is the text). */
  choiceId: z.string().trim().min(1).max(200).optional(),
});
const visitorRoom = (contactId: number) => `visitor:${contactId}`;
type Ack = (payload: unknown) => void;
const ackOf = (value: unknown): Ack => (typeof value === 'function' ? (value as Ack) : () => undefined);

/**
 * The web-chat widget's side of Socket.IO, on its own namespace so visitors never share rooms or
 * events with agents. A visitor is a contact; their conversation is an ordinary ticket.
 */
export function startWebchat(deps: {
  io: Server;
  connections: ConnectionsService;
  ingest: IngestService;
  visitors: WebchatRepository;
  messages: MessagesService;
  events: EventBus;
  mediaLinks: LinkSigner;
  logger: Logger;
}): WebchatOutbox {
  const { visitors, connections, ingest, messages } = deps;
  const log = deps.logger.child({ component: 'webchat' });
  const namespace = deps.io.of('/webchat');

  // The visitor learns that the conversation ended, instead of writing into silence. The room is
  // shared through the Redis adapter, so it reaches the visitor's socket on whichever node holds it.
  deps.events.subscribe('ticket.updated', ({ ticket, previous }) => {
    if (ticket.connectionType !== 'webchat' || ticket.status !== 'closed' || previous?.status === 'closed') return;
    namespace.to(visitorRoom(ticket.contact.id)).emit('conversation:closed', { ticketId: ticket.id });
  });

  namespace.use((socket, next) => {
    const auth = socket.handshake.auth as { key?: unknown; visitorToken?: unknown };
    if (typeof auth.key !== 'string') return next(new Error('UNKNOWN_WIDGET'));
    (async () => {
      const connection = await connections.findByWidgetKey(auth.key as string);
      if (!connection || connection.type !== 'webchat') return next(new Error('UNKNOWN_WIDGET'));
      const data: VisitorData = { connection };
      if (typeof auth.visitorToken === 'string') {
        const [id, secret] = auth.visitorToken.split('.');
        const row = await visitors.findVisitor(
          connection.id,
          z.string().uuid().safeParse(id).success ? id! : '00000000-0000-0000-0000-000000000000',
        );
        // An unknown or stale token starts a fresh visitor rather than failing the widget.
        if (row && secret && safeEqual(row.tokenHash, sha256Hex(secret))) data.visitor = { id: id!, contactId: row.contactId };
      }
      socket.data = data;
      next();
    })().catch((error: unknown) => {
      log.error({ err: error }, 'webchat handshake failed');
      next(new Error('UNAVAILABLE'));
    });
  });

  namespace.on('connection', (socket: Socket) => {
    const data = socket.data as VisitorData;
    if (data.visitor) void socket.join(visitorRoom(data.visitor.contactId));
    socket.emit('visitor:state', { known: Boolean(data.visitor) });

    socket.on('visitor:start', async (input: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      const parsed = startSchema.safeParse(input);
      if (!parsed.success)
        return reply({
          error: { code: 'VALIDATION_FAILED', fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])) },
        });
      const phone = parsed.data.phone ? `+${parsed.data.phone.replace(/\D/g, '')}` : null;
      const id = randomUUID();
      const secret = randomToken(24);
      const contactId = await visitors.createVisitor(data.connection, { id, name: parsed.data.name, phone, tokenHash: sha256Hex(secret) });
      data.visitor = { id, contactId };
      await socket.join(visitorRoom(contactId));
      reply({ visitorToken: `${id}.${secret}`, name: parsed.data.name });
    });

    socket.on('visitor:message', async (input: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      if (!data.visitor) return reply({ error: { code: 'NOT_STARTED' } });
      const parsed = messageSchema.safeParse(input);
      if (!parsed.success)
        return reply({
          error: { code: 'VALIDATION_FAILED', fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])) },
        });
      try {
        await ingest.ingest(
          ingestConnectionOf(data.connection),
          [
            {
              externalId: `wc:${data.visitor.id}:${parsed.data.clientId}`,
              sender: { jid: `wc:${data.visitor.id}` },
              at: new Date(),
              text: parsed.data.text,
              ...(parsed.data.choiceId
                ? { kind: 'interactive' as const, choice: { id: parsed.data.choiceId, title: parsed.data.text, source: 'button' as const } }
                : { kind: 'text' as const }),
              raw: null,
            },
          ],
          { contactId: data.visitor.contactId },
        );
        reply({ ok: true });
      } catch (error) {
        log.error({ err: error }, 'webchat message not stored');
        reply({ error: { code: 'UNAVAILABLE' } });
      }
    });

    socket.on('visitor:history', async (ack: unknown) => {
      const reply = ackOf(ack);
      if (!data.visitor) return reply({ items: [], conversation: { closed: false } });
      const lines = await visitors.history(data.connection, data.visitor.contactId);
      const closed = await visitors.latestConversationClosed(data.connection, data.visitor.contactId);
      const items = lines.map(({ hasMedia, menu, ...line }) => ({
        ...line,
        mediaUrl: hasMedia ? webchatMediaPath(deps.mediaLinks, line.id) : null,
        options: optionsOf(menu),
      }));
      reply({ items, conversation: { closed } });
      // What the visitor now has on screen counts as delivered.
      await markOutbound(data, ['pending', 'sent'], 'delivered');
    });

    socket.on('visitor:read', async () => {
      if (data.visitor) await markOutbound(data, ['sent', 'delivered'], 'read');
    });
  });

  async function markOutbound(data: VisitorData, from: string[], to: 'delivered' | 'read') {
    if (!data.visitor) return;
    const changed = await visitors.markOutbound(data.connection, data.visitor.contactId, from, to);
    for (const row of changed.slice(-50)) await messages.publish(row.companyId, row.id, 'message.updated');
  }

  return {
    async deliver(connection, contactId, message) {
      const payload = {
        id: message.messageId,
        direction: 'out',
        type: message.type,
        body: message.body,
        fileName: message.fileName,
        mediaUrl: message.hasMedia ? webchatMediaPath(deps.mediaLinks, message.messageId) : null,
        at: new Date().toISOString(),
        clientRef: message.clientRef,
        options: message.options,
        agentName: await visitors.agentNameOf(connection.companyId, message.messageId),
      };
      const sockets = await namespace.in(visitorRoom(contactId)).fetchSockets();
      let delivered = false;
      if (sockets.length > 0) {
        try {
          await namespace.to(visitorRoom(contactId)).timeout(3000).emitWithAck('agent:message', payload);
          delivered = true;
        } catch {
          delivered = false; // the visitor will fetch it with its history when it comes back
        }
      }
      return { externalId: `wc-out:${connection.id}:${message.clientRef}`, delivered };
    },
  };
}
