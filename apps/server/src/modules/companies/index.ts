export { CompaniesService } from './companies.service.js';
export { companySettingsFrom, companySettingsOf } from './company-settings.js';
export { SettingsService } from './settings.service.js';
export { settingsRoutes } from './settings.routes.js';
export { CompanyStatusService } from './company-status.js';
