import { CloudApiClient } from '@jimmy/channels';
import type { ConnectionsService } from './connections.service.js';
import type { ConnectionRow, Transport, TransportCapabilities } from './transport.js';

const CAPABILITIES: TransportCapabilities = {
  maxButtons: 3,
  maxListRows: 10,
  templates: true,
  reactions: true,
  readReceipts: true,
  mediaKinds: ['image', 'video', 'audio', 'document', 'sticker'],
  media: 'upload',
  providerReceipts: true,
};

/** WhatsApp Cloud API: stateless HTTPS to Meta's Graph API with the connection's sealed credentials. */
export class CloudTransport implements Transport {
  readonly capabilities = CAPABILITIES;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly graph: { url: string; version: string; timeoutMs?: number },
  ) {}

  client(row: ConnectionRow): CloudApiClient {
    const credentials = this.connections.cloudCredentials(row);
    return new CloudApiClient({
      graphUrl: this.graph.url,
      version: this.graph.version,
      phoneNumberId: credentials.phoneNumberId,
      accessToken: credentials.accessToken,
      ...(this.graph.timeoutMs && { timeoutMs: this.graph.timeoutMs }),
    });
  }

  /** The Cloud API sends to phone numbers only, not to a username's business-scoped id. */
  addressOf(recipient: { waId: string | null }): string | null {
    return recipient.waId;
  }

  send(row: ConnectionRow, message: Parameters<Transport['send']>[1]) {
    return this.client(row).send(message);
  }

  async upload(row: ConnectionRow, bytes: Buffer, mimeType: string, fileName: string): Promise<string> {
    return (await this.client(row).uploadMedia(bytes, mimeType, fileName)).id;
  }

  download(row: ConnectionRow, providerMediaId: string) {
    return this.client(row).downloadMedia(providerMediaId);
  }

  async markRead(row: ConnectionRow, externalId: string): Promise<void> {
    await this.client(row).markRead(externalId);
  }
}
