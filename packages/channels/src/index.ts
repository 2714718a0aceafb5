export type {
  DeliveryStatus,
  FetchedMedia,
  InboundKind,
  InboundMessage,
  ContactCard,
  ListSection,
  MediaKind,
  MediaRef,
  OutboundButtons,
  OutboundContacts,
  OutboundList,
  OutboundMedia,
  OutboundMessage,
  OutboundReaction,
  OutboundTemplate,
  OutboundText,
  Sender,
  SessionState,
  StatusUpdate,
  TemplateComponent,
} from './types.js';
export { isMediaKind, MEDIA_KINDS } from './types.js';
export { buildVCard, phoneDigits } from './buildVCard.js';
export { ChannelError, classifyMetaError } from './ChannelError.js';
export type { ChannelErrorInit, MetaErrorInput } from './ChannelError.js';
export { isStatusForward, STATUS_RANK } from './isStatusForward.js';
export type { TrackedStatus } from './isStatusForward.js';

export { verifyCloudSignature } from './whatsapp-cloud/verifySignature.js';
export { answerHandshake } from './whatsapp-cloud/handshake.js';
export type { HandshakeAnswer } from './whatsapp-cloud/handshake.js';
export { parseCloudWebhook } from './whatsapp-cloud/parseWebhook.js';
export type { CloudWebhookChange, ParsedCloudWebhook } from './whatsapp-cloud/parseWebhook.js';
export type { CloudContact } from './whatsapp-cloud/parseCloudMessage.js';
export { buildMessageBody } from './whatsapp-cloud/buildMessageBody.js';
export { CloudApiClient } from './whatsapp-cloud/CloudApiClient.js';
export type { CloudApiClientOptions, CloudMediaInfo, CloudTemplate } from './whatsapp-cloud/CloudApiClient.js';

export { BufferJSON, normalizeMessageContent, proto } from './whatsapp-web/baileys.js';
export type { WAMessage, WAMessageKey, WAMessageUpdate } from './whatsapp-web/baileys.js';
export { loadAuthState, MemoryAuthStore } from './whatsapp-web/authState.js';
export type { AuthStore, KeyChange, StoredAuthState } from './whatsapp-web/authState.js';
export { WebSession } from './whatsapp-web/WebSession.js';
export type {
  PairingInfo,
  SessionChange,
  SocketFactory,
  SocketFactoryInput,
  SocketLike,
  WebSessionHandlers,
  WebSessionOptions,
} from './whatsapp-web/WebSession.js';
export { baileysSocketFactory } from './whatsapp-web/baileysSocket.js';
export { downloadBaileysMedia } from './whatsapp-web/downloadBaileysMedia.js';
export { parseBaileysMessage } from './whatsapp-web/parseBaileysMessage.js';
export { parseBaileysReceipts } from './whatsapp-web/parseBaileysReceipts.js';
export { buildBaileysContent } from './whatsapp-web/buildBaileysContent.js';
