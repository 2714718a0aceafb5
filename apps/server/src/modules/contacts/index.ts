export { ContactsService } from './contacts.service.js';
export { contactsRoutes } from './contacts.routes.js';
