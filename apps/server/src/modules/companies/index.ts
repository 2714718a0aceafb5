export { CompaniesService, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD } from './companies.service.js';
