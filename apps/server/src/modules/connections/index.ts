export { ConnectionsService, type CloudCredentials } from './connections.service.js';
export { connectionsRoutes } from './connections.routes.js';
export { ChannelRuntime, type WebchatOutbox } from './channel-runtime.js';
