import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Message, MessageStatus, Ticket } from '@jimmy/contracts';
import type { MediaKind, StatusUpdate } from '@jimmy/channels';
import { conflict, DomainError, invalid, notFound } from '../../infra/errors.js';
import { withTransaction } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import type { AuthContext } from '../auth/index.js';
import { audienceOf, type TicketsService } from '../tickets/index.js';
import { previewOf, toMessageDto } from './messages.mapper.js';
import type { MessagesRepository } from './messages.repository.js';

export interface OutgoingFile {
  bytes: Buffer;
  mimeType: string;
  fileName: string;
}

/** Which message type a file is sent as, from its MIME type (WhatsApp's media kinds). */
export function mediaTypeFor(mimeType: string, voice: boolean): MediaKind {
  const base = mimeType.split(';')[0]!.trim().toLowerCase();
  if (base === 'image/webp') return 'sticker';
  if (base.startsWith('image/')) return 'image';
  if (base.startsWith('video/')) return 'video';
  if (base.startsWith('audio/') || voice) return 'audio';
  return 'document';
}

export class MessagesService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly repo: MessagesRepository,
    private readonly tickets: TicketsService,
    private readonly jobs: Jobs,
    private readonly storage: Storage,
    private readonly events: EventBus,
  ) {
    tickets.useSystemNotes(async (ticket, auth, event) => {
      await this.insertOutbound(auth.companyId, ticket, {
        author: 'system',
        userId: auth.userId,
        type: 'system',
        body: event.note ?? '',
        payload: event,
        status: 'sent',
        send: false,
      });
    });
  }

  async list(
    auth: AuthContext,
    ticketId: number,
    before: number | undefined,
    limit: number,
  ): Promise<{ items: Message[]; nextCursor: number | null }> {
    await this.tickets.get(auth, ticketId);
    const rows = await this.repo.page(auth.companyId, ticketId, before, limit);
    const page = rows.slice(0, limit).map(toMessageDto);
    return { items: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
  }

  async send(
    auth: AuthContext,
    ticketId: number,
    input: { body: string; quotedMessageId?: number; file?: OutgoingFile; voice?: boolean },
  ): Promise<Message> {
    let ticket = await this.tickets.get(auth, ticketId);
    if (ticket.status === 'closed') throw conflict('TICKET_CLOSED', 'This ticket is closed; reopen it to reply');
    if (ticket.windowExpiresAt && new Date(ticket.windowExpiresAt).getTime() < Date.now()) {
      throw new DomainError(
        'WINDOW_CLOSED',
        'More than 24 hours since the customer last wrote: WhatsApp only allows a template message now',
        422,
      );
    }
    if (ticket.windowExpiresAt === null && ticket.connectionType === 'whatsapp_cloud') {
      throw new DomainError(
        'WINDOW_CLOSED',
        'The customer has not written on this number yet: WhatsApp only allows a template message',
        422,
      );
    }
    if (input.quotedMessageId) {
      const quoted = await this.repo.find(auth.companyId, input.quotedMessageId);
      if (!quoted || Number(quoted.ticket_id) !== ticketId) throw invalid({ quotedMessageId: 'no such message in this conversation' });
    }
    // Replying to a waiting ticket takes it, as every helpdesk does.
    if (ticket.status === 'pending') ticket = await this.tickets.accept(auth, ticketId);

    let media: { path: string; mime: string; name: string; size: number } | undefined;
    if (input.file) {
      const stored = await this.storage.put(auth.companyId, input.file.bytes, extensionFor(input.file.mimeType, input.file.fileName));
      media = { path: stored.key, mime: input.file.mimeType, name: input.file.fileName, size: stored.size };
    }
    const type = input.file ? mediaTypeFor(input.file.mimeType, input.voice ?? false) : 'text';
    return this.insertOutbound(auth.companyId, ticket, {
      author: 'agent',
      userId: auth.userId,
      type,
      body: input.body,
      payload: input.voice ? { voice: true } : null,
      quotedMessageId: input.quotedMessageId ?? null,
      media,
      status: 'pending',
      send: true,
    });
  }

  /** Templates are the only messages WhatsApp allows outside the 24-hour window. */
  async sendTemplate(
    auth: AuthContext,
    ticketId: number,
    template: { name: string; language: string; components?: Record<string, unknown>[]; preview?: string },
  ): Promise<Message> {
    let ticket = await this.tickets.get(auth, ticketId);
    if (ticket.connectionType !== 'whatsapp_cloud') throw invalid({ name: 'templates exist only on WhatsApp Cloud API connections' });
    if (ticket.status === 'closed') throw conflict('TICKET_CLOSED', 'This ticket is closed; reopen it to reply');
    if (ticket.status === 'pending') ticket = await this.tickets.accept(auth, ticketId);
    return this.insertOutbound(auth.companyId, ticket, {
      author: 'agent',
      userId: auth.userId,
      type: 'template',
      body: template.preview ?? template.name,
      payload: { template: { name: template.name, language: template.language, components: template.components ?? [] } },
      status: 'pending',
      send: true,
    });
  }

  /**
   * The agent's reaction on a message: shown as a badge at once, delivered by the send queue as a
   * hidden reaction message (an empty emoji removes it).
   */
  async react(auth: AuthContext, messageId: number, emoji: string): Promise<Message> {
    const target = await this.repo.find(auth.companyId, messageId);
    if (!target) throw notFound('Message');
    const ticket = await this.tickets.get(auth, Number(target.ticket_id));
    if (!target.external_id) throw conflict('MESSAGE_NOT_SENT', 'This message has no WhatsApp id yet; react once it is sent');
    if (ticket.status === 'closed') throw conflict('TICKET_CLOSED', 'This ticket is closed; reopen it to react');
    await this.pool.query(
      `update messages set reactions = coalesce((select jsonb_agg(r) from jsonb_array_elements(reactions) r where r->>'by' <> 'agent'), '[]'::jsonb)
                                       || case when $2 = '' then '[]'::jsonb else jsonb_build_array(jsonb_build_object('emoji', $2::text, 'by', 'agent')) end
        where id = $1`,
      [messageId, emoji],
    );
    if (ticket.connectionType === 'whatsapp_cloud' || ticket.connectionType === 'whatsapp_web') {
      await this.insertOutbound(auth.companyId, ticket, {
        author: 'agent',
        userId: auth.userId,
        type: 'reaction',
        body: emoji,
        payload: { reaction: { targetExternalId: target.external_id, emoji } },
        status: 'pending',
        send: true,
        silent: true,
      });
    }
    return (await this.publish(auth.companyId, messageId, 'message.updated'))!;
  }

  /** A failed message goes back to pending and into the send queue, keeping its idempotency key. */
  async retry(auth: AuthContext, messageId: number): Promise<Message> {
    const row = await this.repo.find(auth.companyId, messageId);
    if (!row) throw notFound('Message');
    await this.tickets.get(auth, Number(row.ticket_id));
    if (row.status !== 'failed') throw conflict('MESSAGE_NOT_FAILED', 'Only a failed message can be sent again');
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `update messages set status = 'pending', error_code = null, error_message = null, uncertain_since = null where id = $1`,
        [messageId],
      );
      await this.jobs.send('messages.send', { messageId }, { within: client });
    });
    this.jobs.nudge('messages.send');
    return (await this.publish(auth.companyId, messageId, 'message.updated'))!;
  }

  async mediaOf(auth: AuthContext, messageId: number) {
    const row = await this.repo.find(auth.companyId, messageId);
    if (!row) throw notFound('Message');
    await this.tickets.get(auth, Number(row.ticket_id));
    if (!row.media_path) throw notFound('Media');
    const file = await this.storage.open(row.media_path);
    if (!file) throw notFound('Media');
    return { ...file, mimeType: row.media_mime ?? 'application/octet-stream', fileName: row.media_name };
  }

  /** Stores an outbound message (and its send job, in the same transaction), then announces it. */
  async insertOutbound(
    companyId: number,
    ticket: Ticket,
    input: {
      author: 'agent' | 'bot' | 'system';
      userId: number | null;
      type: string;
      body: string;
      payload: Record<string, unknown> | null;
      quotedMessageId?: number | null;
      media?: { path: string; mime: string; name: string; size: number };
      status: MessageStatus;
      send: boolean;
      /** Not a conversation line of its own (reactions): no ticket preview, no announcement. */
      silent?: boolean;
    },
  ): Promise<Message> {
    const messageId = await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, payload,
                               media_path, media_mime, media_name, media_size, media_state, quoted_message_id, client_ref, status)
         select t.company_id, t.id, t.connection_id, t.contact_id, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
           from tickets t where t.id = $1
         returning id`,
        [
          ticket.id,
          input.author,
          input.userId,
          input.type,
          input.body,
          input.payload,
          input.media?.path ?? null,
          input.media?.mime ?? null,
          input.media?.name ?? null,
          input.media?.size ?? null,
          input.media ? 'ready' : null,
          input.quotedMessageId ?? null,
          input.send ? randomUUID() : null,
          input.status,
        ],
      );
      const id = rows[0]!.id;
      if (input.type !== 'system' && !input.silent) {
        await client.query(
          `update tickets set last_message_at = now(), last_message_body = $2, last_message_type = $3, last_message_direction = 'out',
                  first_response_at = coalesce(first_response_at, case when $4 = 'agent' then now() end), updated_at = now()
            where id = $1`,
          [ticket.id, previewOf(input.type, input.body, input.media?.name), input.type, input.author],
        );
      }
      if (input.send) await this.jobs.send('messages.send', { messageId: id }, { within: client });
      return id;
    });
    if (input.send) this.jobs.nudge('messages.send');
    if (input.silent) return toMessageDto((await this.repo.find(companyId, messageId))!);
    if (input.type !== 'system') await this.tickets.publishUpdate(companyId, ticket.id);
    return (await this.publish(companyId, messageId, 'message.created'))!;
  }

  /** Loads a message and tells whoever can see its ticket. */
  async publish(
    companyId: number | undefined,
    messageId: number,
    event: 'message.created' | 'message.updated',
    knownTicket?: Ticket,
  ): Promise<Message | undefined> {
    const row = await this.repo.findById(messageId);
    if (!row || (companyId !== undefined && Number(row.company_id) !== companyId)) return undefined;
    const owner = Number(row.company_id);
    const ticket =
      knownTicket?.id === Number(row.ticket_id) ? knownTicket : await this.tickets.findForCompany(owner, Number(row.ticket_id));
    if (!ticket) return undefined;
    const message = toMessageDto(row);
    this.events.publish(event, { companyId: owner, ticket: { id: ticket.id, ...audienceOf(ticket) }, message });
    return message;
  }

  async applyProviderStatus(connectionId: number, update: StatusUpdate & { clientRef?: string }): Promise<void> {
    const error = update.error
      ? { code: String(update.error.code), message: [update.error.title, update.error.details].filter(Boolean).join(': ') }
      : undefined;
    if (update.clientRef) {
      // The send timed out on our side but Meta accepted it: its receipt carries our key, and the provider id with it.
      await this.pool.query(
        `update messages set external_id = $1, uncertain_since = null where client_ref = $2 and connection_id = $3 and external_id is null`,
        [update.externalId, update.clientRef, connectionId],
      );
    }
    const result = await this.repo.applyStatus(connectionId, update.externalId, update.status, update.at, error);
    if (result === 'unknown') await this.repo.parkStatus(connectionId, update.externalId, update.status, update.at, error);
    else if (result !== 'unchanged') await this.publish(result.companyId, result.id, 'message.updated');
  }

  /** Called once the provider id of an outbound message is known: receipts that came first apply now. */
  async applyParkedStatuses(connectionId: number, externalId: string): Promise<void> {
    for (const parked of await this.repo.takeParkedStatuses(connectionId, externalId)) {
      await this.repo.applyStatus(
        connectionId,
        externalId,
        parked.status,
        new Date(parked.at),
        parked.error_code ? { code: parked.error_code, message: parked.error_message ?? '' } : undefined,
      );
    }
  }
}
