import { ChannelError, type FetchedMedia } from '@jimmy/channels';
import type { Late } from '../../infra/late.js';
import type { ConnectionRow, Outgoing, Recipient, Transport, TransportCapabilities } from '../connections/index.js';

/** Delivers to a webchat visitor; implemented by the webchat gateway. */
export interface WebchatOutbox {
  deliver(
    connection: ConnectionRow,
    visitorContactId: number,
    message: { clientRef: string; messageId: number; type: string; body: string; hasMedia: boolean; fileName: string | null },
  ): Promise<{ externalId: string; delivered: boolean }>;
}

const CAPABILITIES: TransportCapabilities = {
  maxButtons: 0,
  maxListRows: 0,
  templates: false,
  // The widget shows no reactions.
  reactions: false,
  readReceipts: false,
  mediaKinds: ['image', 'video', 'audio', 'document', 'sticker'],
  media: 'link',
  providerReceipts: false,
};

/** The web-chat widget: our own Socket.IO namespace, so a visitor is addressed by their contact id. */
export class WebchatTransport implements Transport {
  readonly capabilities = CAPABILITIES;

  constructor(private readonly outbox: Late<WebchatOutbox>) {}

  addressOf(recipient: Recipient): string {
    return String(recipient.contactId);
  }

  send(connection: ConnectionRow, message: Outgoing) {
    const media = message.kind === 'media';
    return this.outbox.get().deliver(connection, message.contactId, {
      clientRef: message.clientRef,
      messageId: message.messageId,
      type: media ? message.mediaKind : message.kind,
      body: media ? (message.caption ?? '') : message.kind === 'text' ? message.body : '',
      // The visitor opens it through a signed link the gateway builds (webchat.media.ts).
      hasMedia: media,
      fileName: media ? (message.fileName ?? null) : null,
    });
  }

  download(): Promise<FetchedMedia> {
    return Promise.reject(
      new ChannelError({ code: 'NOT_SUPPORTED', message: 'Web chat has no provider media to fetch', retryable: false }),
    );
  }

  async markRead(): Promise<void> {
    // Visitors see our messages live; there is no receipt to send them.
  }
}
