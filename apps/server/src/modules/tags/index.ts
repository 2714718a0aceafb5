export { TagsService } from './tags.service.js';
export { TagRulesService } from './tag-rules.service.js';
export { KanbanService } from './kanban.service.js';
export { tagsRoutes } from './tags.routes.js';
export { kanbanRoutes } from './kanban.routes.js';
