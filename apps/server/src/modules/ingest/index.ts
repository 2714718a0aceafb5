export { IngestService } from './ingest.service.js';
export { ingestConnectionOf } from './ingest-connection.js';
export type { IngestConnection } from './ingest.sql.js';
export { whatsappWebhookRoutes } from './whatsapp-webhook.routes.js';
