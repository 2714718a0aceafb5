export * from './errors.js';
export * from './auth.js';
export * from './users.js';
export * from './conversations.js';
export * from './realtime.js';
