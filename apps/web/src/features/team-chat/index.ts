export { ChatDock } from './ChatDock.js';
