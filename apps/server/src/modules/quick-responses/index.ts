export { QuickResponsesRepository } from './quick-responses.repository.js';
export { QuickResponsesService } from './quick-responses.service.js';
export { QuickResponseSender } from './quick-responses.send.js';
export { quickResponsesRoutes } from './quick-responses.routes.js';
export { ProviderMediaRepository } from './provider-media.repository.js';
