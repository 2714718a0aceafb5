export { ApiTokensService } from './api-tokens.service.js';
export { ApiTokensRepository } from './api-tokens.repository.js';
export { apiTokensRoutes } from './api-tokens.routes.js';
