export { QueuesService } from './queues.service.js';
export { queuesRoutes } from './queues.routes.js';
