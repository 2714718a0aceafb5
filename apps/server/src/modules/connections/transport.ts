import type { FetchedMedia, MediaKind, OutboundMessage } from '@jimmy/channels';
import type { connections } from '../../infra/db/schema.js';

export type ConnectionRow = typeof connections.$inferSelect;
export type ConnectionType = ConnectionRow['type'];

/** What a channel can render natively today; the routing step picks a menu's shape from it. */
export interface TransportCapabilities {
  /** Reply buttons in one message (0: none natively; WhatsApp Web degrades them to numbered text). */
  maxButtons: number;
  /** Rows of an interactive list (0: none natively). */
  maxListRows: number;
  templates: boolean;
  reactions: boolean;
  /** We can tell the customer their messages were read (blue ticks). */
  readReceipts: boolean;
  mediaKinds: readonly MediaKind[];
  /**
   * How a file goes out: `bytes` (the transport encrypts and uploads while sending), `upload` (upload
   * first, send by the provider's media id) or `link` (the recipient fetches it from our URL).
   */
  media: 'bytes' | 'upload' | 'link';
  /**
   * The provider may time out or answer after its receipts: sends count their attempts and receipts
   * that arrive before the provider id are parked. Web chat delivers on our own socket, so it does not.
   */
  providerReceipts: boolean;
}

/** Who the message is for, as stored; each transport picks the address it can deliver to. */
export interface Recipient {
  contactId: number;
  waId: string | null;
  bsuid: string | null;
}

/** One outbound message with what identifies it on our side. */
export type Outgoing = OutboundMessage & { clientRef: string; messageId: number; contactId: number };

/**
 * One per connection type (see transports.ts). The domain speaks OutboundMessage; only a transport
 * knows which SDK or socket carries it. Throws ChannelError for provider failures and NotOwnerError
 * when another node holds the connection's session.
 */
export interface Transport {
  readonly capabilities: TransportCapabilities;
  /** The address to send to, or null when the contact has none on this channel. */
  addressOf(recipient: Recipient): string | null;
  /** `delivered`: the transport saw it arrive (a web-chat visitor online). */
  send(connection: ConnectionRow, message: Outgoing): Promise<{ externalId: string; delivered?: boolean }>;
  /** For `media: 'upload'`: the provider's id of the uploaded file. */
  upload?(connection: ConnectionRow, bytes: Buffer, mimeType: string, fileName: string): Promise<string>;
  download(connection: ConnectionRow, providerMediaId: string): Promise<FetchedMedia>;
  markRead(connection: ConnectionRow, externalId: string, customerAddress: string | null): Promise<void>;
  /** Throws NotOwnerError (or a retryable ChannelError) unless this node can use the connection's session now. */
  ensureRunsHere?(connection: ConnectionRow): Promise<void>;
  /** Hands routed work to the node that holds the connection's session. */
  forward?(ownerNode: string, work: RoutedWork): Promise<void>;
}

/** Thrown where work needs the session that another node holds; the work is forwarded there. */
export class NotOwnerError extends Error {
  constructor(readonly ownerNode: string) {
    super(`connection is run by node ${ownerNode}`);
  }
}

/** Work that needs a connection's live session, and so may have to run on the node holding it. */
export type RoutedWork = { op: 'send'; messageId: number } | { op: 'media'; messageId: number } | { op: 'read'; ticketId: number };

/** What a node does with work routed to it (implemented by the message jobs). */
export interface NodeWork {
  send(messageId: number, job: { retryCount: number }): Promise<void>;
  media(messageId: number, job: { retryCount: number }): Promise<void>;
  read(ticketId: number): Promise<void>;
  /** Outbound messages of a connection still waiting to be sent (a dead owner's queue may hold them). */
  pendingSends(connectionId: number): Promise<number[]>;
}

/** The session controls of a QR connection that an admin drives from the API. */
export interface QrSessions {
  reconnect(connection: ConnectionRow): Promise<void>;
  logout(connection: ConnectionRow): Promise<void>;
  requestPairingCode(connection: ConnectionRow, phoneNumber: string): Promise<void>;
}
