import type pg from 'pg';
import type { Ticket } from '@jimmy/contracts';
import { isMediaKind, type InboundMessage, type StatusUpdate } from '@jimmy/channels';
import { withTransaction } from '../../infra/db/index.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import { previewOf, type MessagesService } from '../messages/index.js';
import { surveyClaims } from '../surveys/index.js';
import { recordTicketEvent, type TicketsService } from '../tickets/index.js';
import {
  abandonSurvey,
  applyReaction,
  awaitingSurveyOf,
  findOrOpenTicket,
  insertInboundMessage,
  isKnownMessage,
  upsertContact,
  type IngestConnection,
  type NewInboundRow,
} from './ingest.sql.js';
import { isBlockedContact, ticketForBlocked } from './blocked.js';
import { mergedContactOf } from './merged.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** A customer message was stored on this ticket: the inbound runner decides what happens next. */
    'tickets.inbound': { ticketId: number };
  }
}

const replyOf = (message: InboundMessage) => ({
  ...(message.text !== undefined && { text: message.text }),
  ...(message.choice && { choiceId: message.choice.id }),
});

interface Stored {
  ticketId: number;
  messageId: number;
  ticketCreated: boolean;
  reaction: boolean;
  media: boolean;
  /** A customer message the inbound runner must look at. */
  inbound: boolean;
}

function toRow(message: InboundMessage, ticketId: number, contactId: number): NewInboundRow {
  const media = message.media;
  const payload: Record<string, unknown> = {};
  if (media)
    Object.assign(payload, {
      providerMediaId: media.providerId,
      sha256: media.sha256,
      voice: media.voice ?? false,
      animated: media.animated ?? false,
    });
  if (message.location) payload.location = message.location;
  if (message.contacts) payload.contacts = message.contacts;
  if (message.choice) payload.choice = message.choice;
  if (message.reaction) payload.reaction = message.reaction;
  if (message.error) payload.error = message.error;
  return {
    ticketId,
    contactId,
    direction: message.fromMe ? 'out' : 'in',
    author: message.fromMe ? 'agent' : 'customer',
    type: message.kind,
    body:
      message.text ??
      media?.caption ??
      (message.location ? [message.location.name, message.location.address].filter(Boolean).join(' — ') : ''),
    payload: Object.keys(payload).length > 0 ? payload : null,
    mediaState: media && isMediaKind(message.kind) ? 'pending' : null,
    mediaMime: media?.mimeType ?? null,
    mediaName: media?.fileName ?? null,
    externalId: message.externalId,
    replyToExternalId: message.replyToExternalId ?? null,
    status: message.fromMe ? 'sent' : 'delivered',
    providerAt: message.at,
  };
}

/**
 * Turns normalised inbound traffic of any channel into contacts, tickets and messages. One call is
 * one transaction: the caller acknowledges the provider only after it returns. Events and job
 * wake-ups happen after the commit; the jobs themselves are inserted inside it.
 */
export class IngestService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly jobs: Jobs,
    private readonly tickets: TicketsService,
    private readonly messages: MessagesService,
    private readonly logger: Logger,
    private readonly pipeline: boolean = true,
    /** SAAS=on: counts customers' messages per month (shown on the usage page, never refused). */
    private readonly usage?: { countIn(q: pg.PoolClient, companyId: number, direction: 'in', n?: number): Promise<void> },
  ) {}

  /**
   * `alsoStore` writes channel-specific data (the WhatsApp Web protobufs) in the same transaction,
   * so messages and what is needed to decrypt, quote or download them commit together.
   */
  async ingest(
    connection: IngestConnection,
    inbound: InboundMessage[],
    options: { contactId?: number; alsoStore?: (client: pg.PoolClient) => Promise<void> } = {},
  ): Promise<void> {
    if (inbound.length === 0) return;
    const stored: Stored[] = [];
    await withTransaction(this.pool, async (client) => {
      await options.alsoStore?.(client);
      for (const message of inbound) {
        const result = await this.ingestOne(client, connection, message, options.contactId);
        if (result) stored.push(result);
      }
    });
    if (stored.some((s) => s.media)) this.jobs.nudge('media.download');
    if (stored.some((s) => s.inbound)) this.jobs.nudge('tickets.inbound');
    await this.announce(connection.companyId, stored);
  }

  private async ingestOne(
    client: pg.PoolClient,
    connection: IngestConnection,
    message: InboundMessage,
    knownContactId?: number,
  ): Promise<Stored | null> {
    if (await isKnownMessage(client, connection.id, message.externalId)) return null;
    const inbound = !message.fromMe;
    const externalKey = message.sender.bsuid ?? message.sender.waId ?? message.sender.jid;
    const channel = externalKey ? { connectionId: connection.id, externalKey, inboundAt: inbound ? message.at : null } : undefined;
    const contactId =
      knownContactId ??
      (channel &&
        (await mergedContactOf(client, connection.companyId, connection.id, channel.externalKey, message.sender, channel.inboundAt))) ??
      (await upsertContact(client, connection.companyId, message.sender, channel));
    if (await isBlockedContact(client, contactId)) return this.storeBlocked(client, connection, contactId, message);
    const ticket = await this.ticketFor(client, connection, contactId, message);
    const row = toRow(message, ticket.id, contactId);
    const isReaction = message.kind === 'reaction' && message.reaction !== undefined;
    const bump = isReaction ? null : { preview: previewOf(row.body, row.mediaName), inboundAt: inbound ? message.at : null };
    const messageId = await insertInboundMessage(client, connection, row, bump);
    if (messageId === null) return null;
    if (inbound && !isReaction) await this.usage?.countIn(client, connection.companyId, 'in');
    if (isReaction && message.reaction) {
      const targetId = await applyReaction(
        client,
        connection.id,
        message.reaction.targetExternalId,
        message.reaction.emoji,
        message.fromMe ? 'agent' : 'customer',
      );
      return targetId === null
        ? null
        : { ticketId: ticket.id, messageId: targetId, ticketCreated: ticket.created, reaction: true, media: false, inbound: false };
    }
    if (row.mediaState === 'pending') await this.jobs.send('media.download', { messageId }, { within: client });
    if (inbound && this.pipeline) await this.jobs.send('tickets.inbound', { ticketId: ticket.id }, { within: client });
    if (ticket.created) await recordTicketEvent(client, { companyId: connection.companyId, ticketId: ticket.id, kind: 'created' });
    if (ticket.reopened) await recordTicketEvent(client, { companyId: connection.companyId, ticketId: ticket.id, kind: 'reopened' });
    return {
      ticketId: ticket.id,
      messageId,
      ticketCreated: ticket.created,
      reaction: false,
      media: row.mediaState === 'pending',
      inbound: inbound && this.pipeline,
    };
  }

  /** Stored and acknowledged, but announced to nobody and handed to no bot (see ticketForBlocked). */
  private async storeBlocked(
    client: pg.PoolClient,
    connection: IngestConnection,
    contactId: number,
    message: InboundMessage,
  ): Promise<null> {
    const row = toRow(message, await ticketForBlocked(client, connection, contactId), contactId);
    const messageId = await insertInboundMessage(client, connection, row, null);
    if (messageId !== null && row.mediaState === 'pending') await this.jobs.send('media.download', { messageId }, { within: client });
    return null;
  }

  /** A survey's answer joins its closed ticket; anything else the live ticket (found, reopened or new). */
  private async ticketFor(
    client: pg.PoolClient,
    connection: IngestConnection,
    contactId: number,
    message: InboundMessage,
  ): Promise<{ id: number; created: boolean; reopened: boolean }> {
    if (!message.fromMe && message.kind !== 'reaction') {
      const survey = await awaitingSurveyOf(client, connection.id, contactId);
      if (survey && surveyClaims(survey, replyOf(message))) return { id: survey.ticketId, created: false, reopened: false };
      if (survey) await abandonSurvey(client, survey.id);
    }
    return findOrOpenTicket(client, connection, contactId);
  }

  private async announce(companyId: number, stored: Stored[]) {
    const announcedTickets = new Map<number, Ticket>();
    for (const item of stored) {
      try {
        let ticket = announcedTickets.get(item.ticketId);
        if (!ticket) {
          ticket = item.ticketCreated
            ? await this.tickets.publishCreated(companyId, item.ticketId)
            : await this.tickets.publishUpdate(companyId, item.ticketId);
          announcedTickets.set(item.ticketId, ticket);
        }
        await this.messages.publish(companyId, item.messageId, item.reaction ? 'message.updated' : 'message.created', ticket);
      } catch (error) {
        // The data is committed; a missed live update is repaired by the next refresh, so it must not fail the webhook.
        this.logger.error({ err: error, ...item }, 'could not announce an ingested message');
      }
    }
  }

  /** Provider receipts for our outbound messages; forward-only, parked when they beat our own send record. */
  async applyStatuses(connection: IngestConnection, statuses: StatusUpdate[]): Promise<void> {
    for (const update of statuses) {
      await this.messages.applyProviderStatus(connection.id, update);
    }
  }
}
