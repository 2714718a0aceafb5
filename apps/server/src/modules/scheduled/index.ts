export { ScheduledRepository } from './scheduled.repository.js';
export { ScheduledService } from './scheduled.service.js';
export { scheduledRoutes } from './scheduled.routes.js';
export { registerScheduledJobs } from './scheduled.jobs.js';
