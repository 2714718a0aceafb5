export { OutreachService, type OutreachMessage } from './outreach.service.js';
export { findOrOpenTicketIn } from './outreach.repository.js';
/** @public The seam inbound lead webhooks use (docs/api.md). */
export type { OutreachOrigin, OutreachRequest, OutreachResult } from './outreach.service.js';
