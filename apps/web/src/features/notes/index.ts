export { ComposerWithNotes } from './ComposerWithNotes.js';
export { NoteBubble } from './NoteBubble.js';
export { NotificationBell } from './NotificationBell.js';
export { MentionTextarea } from './MentionTextarea.js';
export { useMentionable } from './notesApi.js';
