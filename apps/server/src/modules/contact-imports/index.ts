export { ContactImportsRepository } from './contact-imports.repository.js';
export { ContactImportsService } from './contact-imports.service.js';
export { contactImportsRoutes } from './contact-imports.routes.js';
export { ContactsExport } from './contacts-export.js';
export { ImportFiles } from './import-files.js';
export { brazilianWaIdVariant, normalizePhone, whatsAppIdsOf } from './phone.js';
