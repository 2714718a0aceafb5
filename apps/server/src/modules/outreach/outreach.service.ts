import type pg from 'pg';
import type { Message, Ticket } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { DomainError, invalid } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { JobName, Jobs } from '../../infra/jobs.js';
import { MAX_DOWNLOAD_BYTES, type OutboundHttp } from '../../infra/outbound-http.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import { mediaTypeFor, type OutboundMessages, type OutgoingFile } from '../messages/index.js';
import {
  quickResponseAttachmentMessage,
  type QuickResponseAttachment,
  type QuickResponseSender,
  type QuickResponsesService,
} from '../quick-responses/index.js';
import type { TagsService } from '../tags/index.js';
import { recordTicketEvent, type TicketLookup, type TicketsService } from '../tickets/index.js';
import { activeUserIn, findOrCreateContactIn, findOrOpenTicketIn, phoneConnectionIn, queueExistsIn } from './outreach.repository.js';

/** Who reaches out, written on the ticket's history and each message's payload (never an agent). */
export interface OutreachOrigin {
  via: 'api' | 'lead';
  /** The API token's or the lead webhook's id and name. */
  id: number;
  name: string;
}

/** What to send. Text, media and quick responses need the 24-hour window on Cloud API numbers; templates do not. */
export type OutreachMessage =
  | { kind: 'text'; text: string }
  | { kind: 'media'; source: { url: string } | { file: OutgoingFile }; caption?: string }
  | { kind: 'template'; name: string; language: string; parameters?: string[] }
  /** Resolved and rendered as `actor` would see it ({{agentName}} is the actor's name). */
  | { kind: 'quickResponse'; shortcut: string; actor: AuthContext };

export interface OutreachRequest {
  companyId: number;
  connectionId: number;
  /** Any formatting; only the digits count (country code included, e.g. +55 11 91234-5678). */
  phone: string;
  /** The contact's name when it is created (default: the number). An existing contact keeps its name. */
  name?: string;
  origin: OutreachOrigin;
  /** Applied only when this request opens the ticket; a live ticket is used as it is (tags are still added). */
  ticket?: {
    /** Default: the connection's default queue. */
    queueId?: number | null;
    /** An agent to assign (the ticket opens as `open`); without one it waits in its queue (`pending`). */
    userId?: number | null;
    tagIds?: number[];
    /** Close the ticket this request opened once the message is queued: the customer's reply opens a new one. */
    close?: boolean;
  };
  message?: OutreachMessage;
}

export interface OutreachResult {
  contactId: number;
  contactCreated: boolean;
  ticket: Ticket;
  ticketCreated: boolean;
  /** The messages queued for sending (a quick response with attachments queues several), oldest first. */
  messages: Message[];
}

export interface OutreachDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Jobs;
  storage: Storage;
  http: OutboundHttp;
  outbound: OutboundMessages;
  lookup: TicketLookup;
  tickets: Pick<TicketsService, 'closeByBotIn'>;
  tags: Pick<TagsService, 'addTicketTagIn'>;
  quickResponses: { responses: QuickResponsesService; sender: QuickResponseSender };
}

const WINDOW_CLOSED_MESSAGE = 'WhatsApp only allows a template message outside the 24-hour window after the customer last wrote';

/**
 * Reaching a customer first, by phone number, for the public API and inbound lead webhooks: the
 * contact is found or created, its live ticket on the connection found or opened (queue, agent,
 * tags, optionally closed again), and a first message queued through the same durable send path the
 * console uses. One transaction: a refused message (window closed, unknown tag) leaves nothing behind.
 */
export class OutreachService {
  constructor(private readonly deps: OutreachDeps) {}

  async send(request: OutreachRequest): Promise<OutreachResult> {
    const digits = request.phone.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) throw invalid({ to: 'a phone number with country code, 8 to 15 digits' });
    // Slow work first, outside the transaction: downloading a file must not hold a connection.
    const prepared = await this.prepare(request.companyId, request.message);
    return commit(this.deps, async (client) => {
      const opened = await this.openIn(client, request, digits);
      const ticket = (await this.deps.lookup.find(client, request.companyId, opened.ticketId))!;
      const messages: Message[] = [];
      const events = [...opened.events];
      const wake: JobName[] = [];
      if (prepared) {
        const written = await this.writeIn(client, request, ticket, prepared);
        messages.push(...written.value);
        events.push(...written.events);
        wake.push(...written.wake);
      }
      if (opened.created && request.ticket?.close) {
        const closed = await this.deps.tickets.closeByBotIn(client, request.companyId, ticket.id);
        if (closed) events.push(...closed.events);
      }
      const now = (await this.deps.lookup.find(client, request.companyId, ticket.id))!;
      return done(
        { contactId: opened.contactId, contactCreated: opened.contactCreated, ticket: now, ticketCreated: opened.created, messages },
        events,
        wake,
      );
    });
  }

  private async openIn(client: Queryable, request: OutreachRequest, digits: string) {
    const { companyId } = request;
    const connection = await phoneConnectionIn(client, companyId, request.connectionId);
    if (!connection) throw invalid({ connectionId: 'no such WhatsApp connection' });
    const options = request.ticket ?? {};
    const queueId = options.queueId === undefined ? connection.defaultQueueId : options.queueId;
    if (queueId != null && !(await queueExistsIn(client, companyId, queueId))) throw invalid({ 'ticket.queueId': 'no such queue' });
    const userId = options.userId ?? null;
    if (userId !== null && !(await activeUserIn(client, companyId, userId))) throw invalid({ 'ticket.userId': 'no such active user' });
    const contact = await findOrCreateContactIn(client, companyId, digits, request.name?.trim() || `+${digits}`);
    const ticket = await findOrOpenTicketIn(client, {
      companyId,
      contactId: contact.contactId,
      connectionId: connection.id,
      queueId,
      userId,
    });
    const events: PendingEvent[] = [];
    if (ticket.created) {
      await recordTicketEvent(client, {
        companyId,
        ticketId: ticket.ticketId,
        kind: 'created',
        data: { via: request.origin.via, originId: request.origin.id, originName: request.origin.name },
      });
      events.push((await this.deps.lookup.created(client, companyId, ticket.ticketId)).event);
    }
    for (const [index, tagId] of (options.tagIds ?? []).entries()) {
      try {
        const added = await this.deps.tags.addTicketTagIn(client, companyId, ticket.ticketId, tagId, {
          userId: null,
          via: request.origin.via,
        });
        events.push(...added.events);
      } catch (error) {
        if (error instanceof DomainError && error.status === 404) throw invalid({ [`ticket.tagIds.${index}`]: 'no such tag' });
        throw error;
      }
    }
    return { contactId: contact.contactId, contactCreated: contact.created, ticketId: ticket.ticketId, created: ticket.created, events };
  }

  /** Files are fetched (SSRF-guarded) and stored before any row is written. */
  private async prepare(companyId: number, message: OutreachMessage | undefined): Promise<Prepared | undefined> {
    if (message?.kind === 'quickResponse') {
      const { responses } = this.deps.quickResponses;
      const found = (await responses.list(message.actor, message.shortcut, 50)).find((r) => r.shortcut === message.shortcut);
      if (!found) throw invalid({ 'quickResponse.shortcut': 'no quick response with this shortcut' });
      const { row, attachments } = await responses.visibleWithAttachments(message.actor, found.id);
      return { kind: 'quick', id: found.id, body: row.body, attachments, actor: message.actor };
    }
    if (!message || message.kind !== 'media') return message;
    let file: OutgoingFile;
    if ('url' in message.source) {
      const fetched = await this.deps.http.download(message.source.url, { timeoutMs: 15_000, maxBytes: MAX_DOWNLOAD_BYTES });
      if (!fetched.ok) throw invalid({ 'media.url': `could not download the file: ${fetched.error}` });
      const fromUrl = decodeURIComponent(new URL(message.source.url).pathname.split('/').pop() || '') || 'file';
      file = { bytes: fetched.bytes, mimeType: fetched.mime, fileName: fromUrl };
    } else {
      file = message.source.file;
    }
    if (file.bytes.length === 0) throw invalid({ media: 'the file is empty' });
    const stored = await this.deps.storage.put(companyId, file.bytes, extensionFor(file.mimeType, file.fileName));
    return {
      kind: 'stored',
      caption: message.caption ?? '',
      media: { path: stored.key, mime: file.mimeType, name: file.fileName, size: stored.size },
    };
  }

  private async writeIn(client: Queryable, request: OutreachRequest, ticket: Ticket, message: Prepared): Promise<Done<Message[]>> {
    const { companyId, origin } = request;
    const base = { author: 'bot' as const, userId: null, status: 'pending' as const, send: true };
    const items: Message[] = [];
    const events: PendingEvent[] = [];
    const wake: JobName[] = [];
    const insert = async (input: Omit<Parameters<OutboundMessages['insertIn']>[3], keyof typeof base>) => {
      const written = await this.deps.outbound.insertIn(client, companyId, ticket, {
        ...base,
        ...input,
        payload: { ...input.payload, origin: { via: origin.via, id: origin.id, name: origin.name } },
      });
      items.push(written.value);
      events.push(...written.events);
      wake.push(...written.wake);
    };
    if (message.kind === 'template') {
      if (ticket.connectionType !== 'whatsapp_cloud') throw invalid({ template: 'templates exist only on WhatsApp Cloud API connections' });
      const parameters = message.parameters ?? [];
      const components = parameters.length > 0 ? [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] : [];
      await insert({
        type: 'template',
        body: [message.name, ...parameters].join(' · '),
        payload: { template: { name: message.name, language: message.language, components } },
      });
      return done(items, events, wake);
    }
    assertWindowOpen(ticket);
    if (message.kind === 'text') {
      if (!message.text.trim()) throw invalid({ text: 'write a message' });
      await insert({ type: 'text', body: message.text, payload: {} });
    } else if (message.kind === 'stored') {
      await insert({ type: mediaTypeFor(message.media.mime, false), body: message.caption, media: message.media, payload: {} });
    } else {
      const rendered = await this.deps.quickResponses.sender.render(client, message.actor, ticket, message.body);
      if (rendered.unknown.length > 0) throw invalid({ 'quickResponse.shortcut': `unknown variable ${rendered.unknown.join(', ')}` });
      const text = rendered.body.trim();
      if (!text && message.attachments.length === 0) throw invalid({ 'quickResponse.shortcut': 'this quick response is empty' });
      if (text) await insert({ type: 'text', body: text, payload: { quickResponseId: message.id } });
      for (const attachment of message.attachments) await insert(quickResponseAttachmentMessage(attachment, message.id));
    }
    return done(items, events, wake);
  }
}

type Prepared =
  | Exclude<OutreachMessage, { kind: 'media' } | { kind: 'quickResponse' }>
  | { kind: 'quick'; id: number; body: string; attachments: QuickResponseAttachment[]; actor: AuthContext }
  | { kind: 'stored'; caption: string; media: { path: string; mime: string; name: string; size: number } };

function assertWindowOpen(ticket: Ticket): void {
  const expired = ticket.windowExpiresAt
    ? new Date(ticket.windowExpiresAt).getTime() < Date.now()
    : ticket.connectionType === 'whatsapp_cloud';
  if (expired) throw new DomainError('WINDOW_CLOSED', WINDOW_CLOSED_MESSAGE, 422);
}
