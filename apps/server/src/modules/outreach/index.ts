export {
  OutreachService,
  type OutreachMessage,
  type OutreachOrigin,
  type OutreachRequest,
  type OutreachResult,
} from './outreach.service.js';
