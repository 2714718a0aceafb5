export { AssignmentService } from './assignment.service.js';
export { registerAssignmentJobs } from './assignment.jobs.js';
export { assignmentRoutes } from './assignment.routes.js';
export { PresenceService } from './presence.service.js';
