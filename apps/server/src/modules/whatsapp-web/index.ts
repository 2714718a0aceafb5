export { NotOwnerError, WebSessions, type MediaDownloader, type NodeWork, type WebSessionsOptions } from './web-sessions.js';
export { nodeQueue, type NodeCommand } from './node-queue.js';
export { jidOf, messageIdFor } from './wa-ids.js';
