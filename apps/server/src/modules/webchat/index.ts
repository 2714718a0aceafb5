export { startWebchat } from './webchat.gateway.js';
export { WebchatRepository } from './webchat.repository.js';
export { webchatRoutes } from './webchat.routes.js';
export { WebchatTransport, type WebchatOutbox } from './webchat.transport.js';
