export { WebSessions } from './web-sessions.js';
export { whatsappWebSocketOptions, type WhatsAppWebOverrides } from './socket-options.js';
export { messageIdFor } from './wa-ids.js';
