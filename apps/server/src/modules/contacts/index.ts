export { ContactsService, toContactDto } from './contacts.service.js';
export { contactsRoutes } from './contacts.routes.js';
