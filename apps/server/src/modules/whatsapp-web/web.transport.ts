import { ChannelError, buildBaileysContent, type FetchedMedia, type WAMessage, type WebSession } from '@jimmy/channels';
import type { Jobs } from '../../infra/jobs.js';
import {
  NotOwnerError,
  type ConnectionRow,
  type Outgoing,
  type Recipient,
  type RoutedWork,
  type Transport,
  type TransportCapabilities,
} from '../connections/index.js';
import type { LeaseRepository } from './leases.js';
import type { LeaseSupervisor } from './lease-supervisor.js';
import { nodeQueue } from './node-queue.js';
import { jidOf, mediaOf, messageIdFor } from './wa-ids.js';
import type { WaMessageStore } from './wa-messages.store.js';

export type MediaDownloader = (message: WAMessage, reupload: ((m: WAMessage) => Promise<WAMessage>) | undefined) => Promise<Buffer>;

const CAPABILITIES: TransportCapabilities = {
  // Linked-device clients can no longer send interactive messages: buttons and lists go out as numbered text.
  maxButtons: 0,
  maxListRows: 0,
  templates: false,
  reactions: true,
  readReceipts: true,
  mediaKinds: ['image', 'video', 'audio', 'document', 'sticker'],
  media: 'bytes',
  providerReceipts: true,
};

/**
 * Sending on a QR connection: only the node running its socket can, so anything else throws
 * NotOwnerError (the work is forwarded to that node's queue) or a retryable NOT_CONNECTED.
 */
export class WebTransport implements Transport {
  readonly capabilities = CAPABILITIES;

  constructor(
    private readonly deps: {
      nodeId: string;
      supervisor: LeaseSupervisor;
      leases: LeaseRepository;
      store: WaMessageStore;
      jobs: Pick<Jobs, 'send'>;
      downloadMedia: MediaDownloader;
    },
  ) {}

  /** WhatsApp Web can answer a hidden-number (@lid) user by that id. */
  addressOf(recipient: Recipient): string | null {
    return recipient.waId ?? (recipient.bsuid?.endsWith('@lid') ? recipient.bsuid : null);
  }

  private async local(row: ConnectionRow): Promise<WebSession> {
    const running = this.deps.supervisor.get(row.id);
    if (running) return running.session;
    const owner = await this.deps.leases.ownerOf(row.id);
    if (owner && owner !== this.deps.nodeId) throw new NotOwnerError(owner);
    throw new ChannelError({ code: 'NOT_CONNECTED', message: 'WhatsApp (QR) is not connected right now', retryable: true });
  }

  async ensureRunsHere(row: ConnectionRow): Promise<void> {
    await this.local(row);
  }

  async send(row: ConnectionRow, message: Outgoing): Promise<{ externalId: string }> {
    const session = await this.local(row);
    const { store } = this.deps;
    const quoted = message.replyToExternalId ? await store.find(row.id, message.replyToExternalId) : undefined;
    const target = message.kind === 'reaction' ? await store.find(row.id, message.targetExternalId) : undefined;
    const { content, options } = buildBaileysContent(message, {
      ...(quoted && { quoted }),
      ...(target && { reactionTargetKey: target.key }),
    });
    // The id derives from our clientRef, so a resend after a crash carries the same id and the
    // recipient's phone shows it once.
    const messageId = messageIdFor(message.clientRef);
    const sent = await session.send(jidOf(message.to), content, { ...options, messageId }).catch((error: unknown) => {
      if (error instanceof ChannelError) throw error;
      // Baileys throws Boom errors (timeouts, closed socket). Resending is safe: the id stays the same.
      throw new ChannelError({
        code: 'WHATSAPP_WEB_SEND_FAILED',
        message: error instanceof Error ? error.message : String(error),
        retryable: true,
        cause: error,
      });
    });
    await store.save(row.companyId, row.id, [sent]);
    return { externalId: sent.key.id! };
  }

  async markRead(row: ConnectionRow, externalId: string, customerAddress: string | null): Promise<void> {
    if (!customerAddress) return;
    const session = await this.local(row);
    await session.markRead([{ remoteJid: jidOf(customerAddress), id: externalId, fromMe: false }]);
  }

  /** Media of an inbound message; only the owner can ask the phone to re-upload an expired file. */
  async download(row: ConnectionRow, keyId: string): Promise<FetchedMedia> {
    const message = await this.deps.store.find(row.id, keyId);
    if (!message)
      throw new ChannelError({ code: 'MEDIA_UNKNOWN', message: 'The WhatsApp message of this media is not stored', retryable: false });
    const running = this.deps.supervisor.get(row.id);
    const owner = running ? this.deps.nodeId : await this.deps.leases.ownerOf(row.id);
    if (owner && owner !== this.deps.nodeId) throw new NotOwnerError(owner);
    const bytes = await this.deps.downloadMedia(message, running ? (m) => running.session.reupload(m) : undefined);
    return { bytes, mimeType: mediaOf(message)?.mimetype ?? 'application/octet-stream' };
  }

  async forward(ownerNode: string, work: RoutedWork): Promise<void> {
    await this.deps.jobs.send(nodeQueue(ownerNode), work);
  }
}
