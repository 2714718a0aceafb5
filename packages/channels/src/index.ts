export type {
  ChannelAdapter,
  ChannelKind,
  DeliveryStatus,
  FetchedMedia,
  InboundKind,
  InboundMessage,
  ListSection,
  MediaKind,
  MediaRef,
  OutboundButtons,
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
export { ChannelError, classifyMetaError } from './ChannelError.js';
export type { ChannelErrorInit, MetaErrorInput } from './ChannelError.js';
export { isStatusForward } from './isStatusForward.js';
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
