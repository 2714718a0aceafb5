export { ContactsService } from './contacts.service.js';
export { contactsRoutes } from './contacts.routes.js';
export { ContactAdminService } from './contact-admin.service.js';
export { LgpdService } from './lgpd.js';
export { contactActionsRoutes } from './contact-actions.routes.js';
export { customFieldsRoutes } from './custom-fields.routes.js';
export { setContactFieldIn } from './contact-field.js';
export { listCustomFields, validateCustomFields } from './custom-fields.js';
