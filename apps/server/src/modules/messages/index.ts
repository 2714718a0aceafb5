export { MessagesRepository, replaceReactionSql } from './messages.repository.js';
export { MessagesService, mediaTypeFor, type OutgoingFile } from './messages.service.js';
export { OutboundMessages } from './messages.outbound.js';
export { previewOf } from './messages.mapper.js';
export { messagesRoutes, MAX_UPLOAD_BYTES } from './messages.routes.js';
export { registerMessageJobs } from './messages.jobs.js';
