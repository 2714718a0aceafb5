export { CompaniesService } from './companies.service.js';
