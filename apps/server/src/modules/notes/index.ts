export { NotesRepository } from './notes.repository.js';
export { NotificationsRepository } from './notifications.repository.js';
export { NoteWriter } from './notes.writer.js';
export { NotesService } from './notes.service.js';
export { NotificationsService } from './notifications.service.js';
export { notesRoutes } from './notes.routes.js';
export { findMentions } from './mentions.js';
