export { MessagesRepository } from './messages.repository.js';
export { MessagesService, mediaTypeFor, type OutgoingFile } from './messages.service.js';
export { messagesRoutes, MAX_UPLOAD_BYTES } from './messages.routes.js';
export { registerMessageJobs, SEND_RETRY_LIMIT } from './messages.jobs.js';
export { toMessageDto } from './messages.mapper.js';
