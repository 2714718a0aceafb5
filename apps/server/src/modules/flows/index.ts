export { createAiClient, type AiClient } from './ai-client.js';
export { AiSettingsService } from './ai-settings.service.js';
export { FlowsService } from './flows.service.js';
export { flowsRoutes } from './flows.routes.js';
export { flowToolsRoutes } from './flow-tools.routes.js';
export { flowMediaRoutes } from './flow-media.routes.js';
export { FlowMediaLibrary, flowMediaFileIn } from './flow-media.js';
