import { ChannelError, type FetchedMedia } from '@jimmy/channels';
import type { Late } from '../../infra/late.js';
import type { ConnectionRow, Outgoing, Recipient, Transport, TransportCapabilities } from '../connections/index.js';

/** Delivers to a webchat visitor; implemented by the webchat gateway. */
export interface WebchatOutbox {
  deliver(
    connection: ConnectionRow,
    visitorContactId: number,
    message: {
      clientRef: string;
      messageId: number;
      type: string;
      body: string;
      hasMedia: boolean;
      fileName: string | null;
      /** Reply buttons under the line (a menu); the visitor's tap comes back as a choice with this id. */
      options: Array<{ id: string; title: string }>;
    },
  ): Promise<{ externalId: string; delivered: boolean }>;
}

const CAPABILITIES: TransportCapabilities = {
  // The widget draws every option as a button; a "list" is just a longer column of them.
  maxButtons: 3,
  maxListRows: 10,
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
    if (message.kind === 'contacts') {
      // The widget has no contact bubble: the card goes as its stored .vcf, which phones open as a contact.
      const card = message.contacts[0];
      return this.outbox.get().deliver(connection, message.contactId, {
        clientRef: message.clientRef,
        messageId: message.messageId,
        type: 'document',
        body: message.contacts.map((c) => `${c.name} ${c.phone}`).join('\n'),
        options: [],
        hasMedia: true,
        fileName: card ? `${card.name}.vcf` : 'contato.vcf',
      });
    }
    const media = message.kind === 'media';
    const interactive = message.kind === 'buttons' || message.kind === 'list';
    const options = message.kind === 'buttons' ? message.buttons : message.kind === 'list' ? message.sections.flatMap((s) => s.rows) : [];
    return this.outbox.get().deliver(connection, message.contactId, {
      clientRef: message.clientRef,
      messageId: message.messageId,
      type: media ? message.mediaKind : interactive ? 'interactive' : message.kind,
      body: media ? (message.caption ?? '') : message.kind === 'text' || interactive ? message.body : '',
      options: options.map(({ id, title }) => ({ id, title })),
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
