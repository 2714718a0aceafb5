export { QuickResponsesRepository } from './quick-responses.repository.js';
export { QuickResponsesService } from './quick-responses.service.js';
export { QuickResponseSender, messageOf as quickResponseAttachmentMessage } from './quick-responses.send.js';
export type { AttachmentRow as QuickResponseAttachment } from './quick-responses.repository.js';
export { quickResponsesRoutes } from './quick-responses.routes.js';
export { ProviderMediaRepository } from './provider-media.repository.js';
