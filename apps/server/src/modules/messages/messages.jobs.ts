import { ChannelError, type MediaKind, type OutboundMessage, type TemplateComponent } from '@jimmy/channels';
import type { MenuMessage } from '@jimmy/routing';
import type { Jobs } from '../../infra/jobs.js';
import { KeyedLanes } from '../../infra/keyed-lanes.js';
import type { Logger } from '../../infra/logger.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import type { ConnectionRow, ConnectionsService, NodeWork, Outgoing, Transport, Transports } from '../connections/index.js';
import type { MessagesRepository, SendRow } from './messages.repository.js';
import type { MessagesService } from './messages.service.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** ticketId orders a conversation's sends while different conversations send side by side (absent on older jobs). */
    'messages.send': { messageId: number; ticketId?: number };
    'media.download': { messageId: number };
    'tickets.mark-read': { ticketId: number };
  }
}

/** 2 s doubling: the last try is about 8 minutes after the first. */
const SEND_RETRY_LIMIT = 8;
const MEDIA_RETRY_LIMIT = 6;
const SEND_CONCURRENCY = 4;
/**
 * Cross-node order: a send waits this long at most for the ticket's earlier sends (queued within
 * ORDER_RECENT_SECONDS) to reach the provider. Lanes order a ticket's sends inside one process
 * only; two nodes could otherwise each take one of a bot's back-to-back lines and swap them.
 */
const ORDER_WAIT_MS = 5_000;
const ORDER_POLL_MS = 40;
const ORDER_RECENT_SECONDS = 30;
/** After a timeout, how long a receipt carrying our key may take before we conclude Meta never got the send. */
const UNCERTAIN_WAIT_MS = 60_000;

interface MessageJobDeps {
  jobs: Jobs;
  transports: Transports;
  connections: ConnectionsService;
  messages: MessagesService;
  repo: MessagesRepository;
  storage: Storage;
  logger: Logger;
  /** Files sent more than once (quick responses) go out by the media id of their first upload. */
  providerMedia?: ProviderMediaCache;
  /**
   * SAAS=on: whether the company's sends are held (read-only or suspended). A held message stays
   * pending and its job completes; plan-limits queues it again when the company is active.
   */
  paused?: (companyId: number) => Promise<boolean>;
}

interface ProviderMediaCache {
  find(connectionId: number, mediaPath: string): Promise<string | undefined>;
  remember(companyId: number, connectionId: number, mediaPath: string, providerMediaId: string): Promise<void>;
}

class RetryLater extends Error {}

const missingFile = () => new ChannelError({ code: 'MEDIA_MISSING', message: 'The file of this message is missing', retryable: false });

/** Registers the send, read-receipt and media queues; returns the same work for jobs routed to this node. */
export async function registerMessageJobs(deps: MessageJobDeps): Promise<NodeWork> {
  const { transports, messages, repo } = deps;
  const log = deps.logger.child({ component: 'outbound' });

  const fail = async (row: { id: number; company_id: number }, code: string, message: string) => {
    await repo.failPending(row.id, code, message);
    await messages.publish(Number(row.company_id), Number(row.id), 'message.updated');
  };

  const connectionOf = (companyId: number, connectionId: number) => deps.connections.getRow(companyId, connectionId).catch(() => undefined);

  /** The stored message as the transport takes it: files as bytes, as an uploaded id, or as a link to us. */
  async function buildOutbound(row: SendRow, transport: Transport, connection: ConnectionRow, to: string): Promise<OutboundMessage> {
    const base = { to, ...(row.quoted_external_id && { replyToExternalId: row.quoted_external_id }) };
    if (row.type === 'text') return { ...base, kind: 'text', body: row.body, previewUrl: /https?:\/\//.test(row.body) };
    if (row.type === 'reaction') {
      const reaction = row.payload?.reaction as { targetExternalId: string; emoji: string };
      return { ...base, kind: 'reaction', targetExternalId: reaction.targetExternalId, emoji: reaction.emoji };
    }
    if (row.type === 'interactive') {
      const menu = row.payload?.menu as MenuMessage | undefined;
      if (menu?.kind === 'buttons') return { ...base, kind: 'buttons', body: menu.body, buttons: menu.buttons };
      if (menu?.kind === 'list')
        return { ...base, kind: 'list', body: menu.body, button: menu.buttonLabel, sections: [{ rows: menu.rows }] };
      // A menu rendered as numbered text (or a stored one without a menu) goes out as its text.
      return { ...base, kind: 'text', body: row.body, previewUrl: false };
    }
    if (row.type === 'template') {
      const template = row.payload?.template as { name: string; language: string; components: TemplateComponent[] };
      return { ...base, kind: 'template', name: template.name, language: template.language, components: template.components };
    }
    if (row.type === 'contacts') {
      // Our own contact cards (quick responses); the stored .vcf is what web chat offers instead.
      const cards = (row.payload?.contacts ?? []) as Array<{ name: string; phones: Array<{ phone: string }> }>;
      return { ...base, kind: 'contacts', contacts: cards.map((c) => ({ name: c.name, phone: c.phones[0]?.phone ?? '' })) };
    }
    if (!row.media_path || !row.media_mime) throw missingFile();
    const mediaKind = row.type as MediaKind;
    const mode = transport.capabilities.media;
    if (mode === 'link') {
      return {
        ...base,
        kind: 'media',
        mediaKind,
        ...(row.body && { caption: row.body }),
        ...(row.media_name && { fileName: row.media_name }),
      };
    }
    if (mode === 'bytes') {
      const bytes = await deps.storage.read(row.media_path);
      if (!bytes) throw missingFile();
      return {
        ...base,
        kind: 'media',
        mediaKind,
        bytes,
        mimeType: row.media_mime,
        ...(row.body && { caption: row.body }),
        ...(row.media_name && { fileName: row.media_name }),
        ...(row.payload?.voice === true && { voice: true }),
      };
    }
    let providerMediaId = row.payload?.providerMediaId as string | undefined;
    if (!providerMediaId) {
      providerMediaId = await deps.providerMedia?.find(connection.id, row.media_path);
      if (providerMediaId) await repo.rememberUpload(row.id, providerMediaId);
    }
    if (!providerMediaId) {
      const bytes = await deps.storage.read(row.media_path);
      if (!bytes) throw missingFile();
      if (!transport.upload) throw new Error(`a transport with media: 'upload' must implement upload()`);
      providerMediaId = await transport.upload(connection, bytes, row.media_mime, row.media_name ?? `file.${extensionFor(row.media_mime)}`);
      await repo.rememberUpload(row.id, providerMediaId);
      await deps.providerMedia?.remember(Number(row.company_id), connection.id, row.media_path, providerMediaId);
    }
    const captionAllowed = mediaKind !== 'audio' && mediaKind !== 'sticker';
    return {
      ...base,
      kind: 'media',
      mediaKind,
      providerMediaId,
      ...(captionAllowed && row.body && { caption: row.body }),
      ...(mediaKind === 'document' && row.media_name && { fileName: row.media_name }),
      ...(row.payload?.voice === true && { voice: true }),
    };
  }

  async function deliver(row: SendRow, transport: Transport, connection: ConnectionRow, to: string) {
    const outbound = await buildOutbound(row, transport, connection, to);
    const tracked = transport.capabilities.providerReceipts;
    if (tracked) await repo.countAttempt(row.id);
    const message: Outgoing = { ...outbound, clientRef: row.client_ref, messageId: Number(row.id), contactId: Number(row.contact_id) };
    const result = await transport.send(connection, message);
    if (tracked) {
      await repo.recordProviderId(row.id, result.externalId);
      await messages.applyParkedStatuses(Number(row.connection_id), result.externalId);
    } else {
      await repo.recordLocalDelivery(row.id, result.externalId, result.delivered ? 'delivered' : 'sent');
    }
    await messages.publish(Number(row.company_id), Number(row.id), 'message.updated');
  }

  /** Waits (bounded) until the ticket's earlier sends have left; true when it had to wait. */
  const waitForEarlierSends = async (companyId: number, ticketId: number, messageId: number): Promise<boolean> => {
    const deadline = Date.now() + ORDER_WAIT_MS;
    let waited = false;
    while (await repo.hasEarlierRecentSend(companyId, ticketId, messageId, ORDER_RECENT_SECONDS)) {
      if (Date.now() >= deadline) {
        log.warn({ messageId, ticketId }, 'an earlier send of this ticket is still pending; sending anyway');
        break;
      }
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, ORDER_POLL_MS));
    }
    return waited;
  };

  const performSend = async (messageId: number, job: { retryCount: number }, ticketId?: number) => {
    let row = await repo.loadForSend(messageId);
    if (!row || row.status !== 'pending' || row.external_id) return; // done, failed by hand, or linked by a receipt
    if (deps.paused && (await deps.paused(Number(row.company_id)))) {
      log.debug({ messageId, companyId: Number(row.company_id) }, 'send held: the company is read-only');
      return;
    }
    // Meanwhile the row may have been sent by a retry elsewhere or failed by hand: read it again.
    if (ticketId !== undefined && (await waitForEarlierSends(Number(row.company_id), ticketId, messageId))) {
      row = await repo.loadForSend(messageId);
      if (!row || row.status !== 'pending' || row.external_id) return;
    }
    // Private notes are for the team: whatever queued one by mistake, it never reaches a channel.
    if (row.type === 'note') return fail(row, 'NOTE_NOT_SENDABLE', 'A private note is never sent to the customer');
    const finalTry = job.retryCount >= SEND_RETRY_LIMIT;
    const connection = await connectionOf(Number(row.company_id), Number(row.connection_id));
    if (!connection) return fail(row, 'CONNECTION_REMOVED', 'The connection of this conversation was removed');
    const transport = transports.of(connection);
    if (row.type === 'reaction' && !transport.capabilities.reactions) return;

    if (row.uncertain_since && Date.now() - new Date(row.uncertain_since).getTime() < UNCERTAIN_WAIT_MS) {
      if (finalTry) return fail(row, 'TIMEOUT_UNCERTAIN', 'WhatsApp did not answer; the message may or may not have been delivered');
      throw new RetryLater('waiting for a receipt of the timed-out send');
    }
    const to = transport.addressOf({ contactId: Number(row.contact_id), waId: row.wa_id, bsuid: row.bsuid });
    if (!to) return fail(row, 'NO_PHONE_NUMBER', 'This contact has no WhatsApp number (username only); start from a message of theirs');

    try {
      // Route before reading the file or counting an attempt: another node may hold the socket.
      await transports.runWhereConnected(connection, { op: 'send', messageId }, (here) => deliver(row, here, connection, to), {
        routeFirst: true,
      });
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      if (error.windowClosed)
        return fail(row, 'WINDOW_CLOSED', 'More than 24 hours since the customer last wrote: send a template instead');
      if (error.maybeDelivered) {
        await repo.markUncertain(row.id);
        if (finalTry) return fail(row, 'TIMEOUT_UNCERTAIN', 'WhatsApp did not answer; the message may or may not have been delivered');
        throw new RetryLater(`timed out; waiting for a receipt before sending again`);
      }
      if ((error.retryable || error.rateLimited) && !finalTry) {
        log.warn({ messageId, code: error.code, retryCount: job.retryCount }, 'send failed, will retry');
        throw error;
      }
      return fail(row, String(error.code), error.details ? `${error.message}: ${error.details}` : error.message);
    }
  };
  const conversations = new KeyedLanes();
  await deps.jobs.register(
    'messages.send',
    ({ messageId, ticketId }, job) =>
      ticketId === undefined ? performSend(messageId, job) : conversations.run(ticketId, () => performSend(messageId, job, ticketId)),
    {
      retryLimit: SEND_RETRY_LIMIT,
      retryDelaySeconds: 2,
      // Providers answer in tens of milliseconds: one send at a time capped a bot at ~30 replies/s.
      // Jobs are fetched oldest message first and a conversation's sends queue up in its lane, so
      // each customer still gets their messages in order; across nodes, waitForEarlierSends does.
      concurrency: SEND_CONCURRENCY,
      pollingIntervalSeconds: 1,
    },
  );

  // Blue ticks for the customer: WhatsApp marks everything up to the given message as read.
  const performMarkRead = async (ticketId: number) => {
    const last = await repo.lastInboundOf(ticketId);
    if (!last) return;
    const connection = await connectionOf(Number(last.company_id), Number(last.connection_id));
    if (!connection) return;
    await transports.runWhereConnected(connection, { op: 'read', ticketId }, (transport) =>
      transport.markRead(connection, last.external_id, last.wa_id),
    );
  };
  await deps.jobs.register('tickets.mark-read', ({ ticketId }) => performMarkRead(ticketId), { retryLimit: 3, retryDelaySeconds: 5 });

  const performMediaDownload = async (messageId: number, job: { retryCount: number }) => {
    const row = await repo.loadForDownload(messageId);
    const providerId = row?.payload?.providerMediaId;
    if (!row || row.media_state !== 'pending' || typeof providerId !== 'string') return;
    const announce = () => messages.publish(Number(row.company_id), Number(row.id), 'message.updated');
    try {
      const connection = await connectionOf(Number(row.company_id), Number(row.connection_id));
      if (!connection) {
        await repo.mediaFailed(row.id);
        await announce();
        return;
      }
      await transports.runWhereConnected(connection, { op: 'media', messageId }, async (transport) => {
        const media = await transport.download(connection, providerId);
        const stored = await deps.storage.put(Number(row.company_id), media.bytes, extensionFor(media.mimeType, row.media_name));
        await repo.mediaReady(row.id, { path: stored.key, mime: media.mimeType, size: stored.size });
        await announce();
      });
    } catch (error) {
      const retryable = !(error instanceof ChannelError) || error.retryable;
      if (retryable && job.retryCount < MEDIA_RETRY_LIMIT) throw error;
      log.warn({ messageId, err: error }, 'media download failed for good');
      await repo.mediaFailed(row.id);
      await announce();
    }
  };
  await deps.jobs.register('media.download', ({ messageId }, job) => performMediaDownload(messageId, job), {
    retryLimit: MEDIA_RETRY_LIMIT,
    retryDelaySeconds: 3,
  });

  return {
    send: performSend,
    media: performMediaDownload,
    read: performMarkRead,
    pendingSends: (connectionId) => repo.pendingSends(connectionId),
  };
}
