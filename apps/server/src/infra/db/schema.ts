// Every table, for Drizzle and drizzle-kit; the parts import each other's tables from their own files, never from here.
export * from './schema-core.js';
export * from './schema-conversations.js';
export * from './schema-whatsapp-web.js';
export * from './schema-routing.js';
export * from './schema-productivity.js';
export * from './schema-flows.js';
export * from './schema-webhooks.js';
export * from './schema-api.js';
export * from './schema-leads.js';
export * from './schema-integrations.js';
export * from './schema-reports.js';
export * from './schema-team-chat.js';
export * from './schema-announcements.js';
export * from './schema-saas.js';
export * from './schema-signup.js';
export * from './schema-onboarding.js';
