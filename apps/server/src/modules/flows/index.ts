export { createAiClient, type AiClient, type AiFailure } from './ai-client.js';
export { findAiIntegration } from './ai-settings.repository.js';
export { AiSettingsService } from './ai-settings.service.js';
export { FlowsService } from './flows.service.js';
export { flowsRoutes } from './flows.routes.js';
export { flowToolsRoutes } from './flow-tools.routes.js';
export { flowMediaRoutes } from './flow-media.routes.js';
export { FlowMediaLibrary, flowMediaFileIn } from './flow-media.js';
