export { SearchRepository } from './search.repository.js';
export { SearchService } from './search.service.js';
export { searchRoutes } from './search.routes.js';
