export { PlansRepository } from './plans.repository.js';
