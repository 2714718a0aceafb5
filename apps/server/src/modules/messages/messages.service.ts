import type pg from 'pg';
import type { Message, Ticket } from '@jimmy/contracts';
import type { MediaKind, StatusUpdate } from '@jimmy/channels';
import { conflict, DomainError, invalid, notFound } from '../../infra/errors.js';
import type { Queryable } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import type { AuthContext } from '../auth/index.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import type { TicketsService } from '../tickets/index.js';
import { toMessageDto } from './messages.mapper.js';
import type { OutboundInput, OutboundMessages } from './messages.outbound.js';
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
    private readonly outbound: OutboundMessages,
  ) {}

  async list(
    auth: AuthContext,
    ticketId: number,
    before: number | undefined,
    limit: number,
  ): Promise<{ items: Message[]; nextCursor: number | null }> {
    await this.tickets.readable(auth, ticketId);
    const rows = await this.repo.page(auth.companyId, ticketId, before, limit);
    const page = rows.slice(0, limit).map(toMessageDto);
    return { items: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
  }

  /** The page holding `messageId`: up to half the page newer than it, the rest older (newest first). */
  async listAround(
    auth: AuthContext,
    ticketId: number,
    messageId: number,
    limit: number,
  ): Promise<{ items: Message[]; nextCursor: number | null; newerCursor: number | null }> {
    await this.tickets.get(auth, ticketId);
    const target = await this.repo.find(auth.companyId, messageId);
    if (!target || Number(target.ticket_id) !== ticketId || target.type === 'reaction') throw notFound('Message');
    const newerWanted = Math.floor((limit - 1) / 2);
    const newer = await this.repo.pageAfter(auth.companyId, ticketId, messageId, newerWanted);
    const newerPage = newer.slice(0, newerWanted);
    // The target itself is the newest of the older part (`before` is exclusive).
    const olderWanted = limit - newerPage.length;
    const older = await this.repo.page(auth.companyId, ticketId, messageId + 1, olderWanted);
    const olderPage = older.slice(0, olderWanted);
    const items = [...newerPage.reverse(), ...olderPage].map(toMessageDto);
    return {
      items,
      nextCursor: older.length > olderWanted ? items[items.length - 1]!.id : null,
      newerCursor: newer.length > newerWanted ? items[0]!.id : null,
    };
  }

  /** The oldest `limit` messages newer than `afterId`, newest first: walking from a search hit back to the present. */
  async listAfter(
    auth: AuthContext,
    ticketId: number,
    afterId: number,
    limit: number,
  ): Promise<{ items: Message[]; nextCursor: number | null; newerCursor: number | null }> {
    await this.tickets.get(auth, ticketId);
    const rows = await this.repo.pageAfter(auth.companyId, ticketId, afterId, limit);
    const items = rows.slice(0, limit).reverse().map(toMessageDto);
    return {
      items,
      // Older than this page is at least the message `after` named, if it is in this ticket.
      nextCursor: items.length > 0 ? items[items.length - 1]!.id : null,
      newerCursor: rows.length > limit ? items[0]!.id : null,
    };
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
      if (!quoted || Number(quoted.ticket_id) !== ticketId || quoted.type === 'note')
        throw invalid({ quotedMessageId: 'no such message in this conversation' });
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
    // An empty emoji takes the agent's reaction away.
    await this.repo.setAgentReaction(auth.companyId, messageId, emoji === '' ? null : emoji);
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
    await commit({ pool: this.pool, events: this.events, jobs: this.jobs }, async (client) => {
      await this.repo.with(client).requeue(messageId);
      await this.jobs.send('messages.send', { messageId, ticketId: Number(row.ticket_id) }, { within: client });
      return done(undefined, [], ['messages.send']);
    });
    return (await this.publish(auth.companyId, messageId, 'message.updated'))!;
  }

  /** One message of a ticket the caller may read (private notes are not messages here). */
  async get(auth: AuthContext, messageId: number): Promise<Message> {
    const row = await this.repo.find(auth.companyId, messageId);
    if (!row || row.type === 'note' || row.type === 'reaction') throw notFound('Message');
    await this.tickets.readable(auth, Number(row.ticket_id));
    return toMessageDto(row);
  }

  async mediaOf(auth: AuthContext, messageId: number) {
    const row = await this.repo.find(auth.companyId, messageId);
    if (!row) throw notFound('Message');
    await this.tickets.readable(auth, Number(row.ticket_id));
    if (!row.media_path) throw notFound('Media');
    const file = await this.storage.open(row.media_path);
    if (!file) throw notFound('Media');
    return { ...file, mimeType: row.media_mime ?? 'application/octet-stream', fileName: row.media_name };
  }

  /** Stores an outbound message (and its send job, in the same transaction), then announces it. */
  insertOutbound(companyId: number, ticket: Ticket, input: OutboundInput): Promise<Message> {
    return commit({ pool: this.pool, events: this.events, jobs: this.jobs }, (client) =>
      this.insertOutboundIn(client, companyId, ticket, input),
    );
  }

  /** The same inside the caller's transaction: publish the events and wake the queues after its commit. */
  insertOutboundIn(q: Queryable, companyId: number, ticket: Ticket, input: OutboundInput): Promise<Done<Message>> {
    return this.outbound.insertIn(q, companyId, ticket, input);
  }

  /** Loads a message and tells whoever can see its ticket. */
  async publish(
    companyId: number | undefined,
    messageId: number,
    event: 'message.created' | 'message.updated',
    knownTicket?: Ticket,
  ): Promise<Message | undefined> {
    const found = await this.outbound.eventFor(this.pool, companyId, messageId, event, knownTicket);
    if (!found) return undefined;
    this.events.publishAll([found.event]);
    return found.message;
  }

  async applyProviderStatus(connectionId: number, update: StatusUpdate & { clientRef?: string }): Promise<void> {
    const error = update.error
      ? { code: String(update.error.code), message: [update.error.title, update.error.details].filter(Boolean).join(': ') }
      : undefined;
    if (update.clientRef) {
      // The send timed out on our side but Meta accepted it: its receipt carries our key, and the provider id with it.
      await this.repo.linkByClientRef(connectionId, update.clientRef, update.externalId);
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
