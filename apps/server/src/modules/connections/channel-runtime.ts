import { CloudApiClient, type FetchedMedia, type OutboundMessage } from '@jimmy/channels';
import type { connections } from '../../infra/db/schema.js';
import type { ConnectionsService } from './connections.service.js';
import type { WebSessions } from '../whatsapp-web/index.js';

type ConnectionRow = typeof connections.$inferSelect;

/** Delivers to a webchat visitor; implemented by the webchat gateway. */
export interface WebchatOutbox {
  deliver(
    connection: ConnectionRow,
    visitorContactId: number,
    message: { clientRef: string; messageId: number; type: string; body: string; mediaUrl: string | null; fileName: string | null },
  ): Promise<{ externalId: string; delivered: boolean }>;
}

/**
 * Picks the provider client for a connection. The domain speaks OutboundMessage; only this file
 * knows which SDK or socket carries it.
 */
export class ChannelRuntime {
  private webchat: WebchatOutbox | undefined;
  private web: WebSessions | undefined;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly graph: { url: string; version: string; timeoutMs?: number },
  ) {}

  useWebchat(outbox: WebchatOutbox) {
    this.webchat = outbox;
  }

  cloudClient(row: ConnectionRow): CloudApiClient {
    const credentials = this.connections.cloudCredentials(row);
    return new CloudApiClient({
      graphUrl: this.graph.url,
      version: this.graph.version,
      phoneNumberId: credentials.phoneNumberId,
      accessToken: credentials.accessToken,
      ...(this.graph.timeoutMs && { timeoutMs: this.graph.timeoutMs }),
    });
  }

  useWhatsappWeb(sessions: WebSessions) {
    this.web = sessions;
  }

  whatsappWeb(): WebSessions {
    if (!this.web) throw new Error('whatsapp web sessions not started');
    return this.web;
  }

  webchatOutbox(): WebchatOutbox {
    if (!this.webchat) throw new Error('webchat channel not started');
    return this.webchat;
  }

  async send(row: ConnectionRow, message: OutboundMessage): Promise<{ externalId: string }> {
    // whatsapp_web throws NotOwnerError when another node holds the socket; the job forwards itself there.
    if (row.type === 'whatsapp_web') return this.whatsappWeb().send(row, message);
    if (row.type !== 'whatsapp_cloud') throw new Error(`send() is for provider channels, not ${row.type}`);
    return this.cloudClient(row).send(message);
  }

  async upload(row: ConnectionRow, bytes: Buffer, mimeType: string, fileName: string): Promise<string> {
    return (await this.cloudClient(row).uploadMedia(bytes, mimeType, fileName)).id;
  }

  async download(row: ConnectionRow, providerMediaId: string): Promise<FetchedMedia> {
    if (row.type === 'whatsapp_web') return this.whatsappWeb().download(row, providerMediaId);
    return this.cloudClient(row).downloadMedia(providerMediaId);
  }

  async markRead(row: ConnectionRow, externalId: string, customerPhone: string | null): Promise<void> {
    if (row.type === 'whatsapp_cloud') await this.cloudClient(row).markRead(externalId);
    if (row.type === 'whatsapp_web' && customerPhone) await this.whatsappWeb().markRead(row, externalId, customerPhone);
  }
}
