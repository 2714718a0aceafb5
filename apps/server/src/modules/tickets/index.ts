export { TicketsRepository } from './tickets.repository.js';
export { TicketsService, type SystemNotes } from './tickets.service.js';
export { TicketLookup } from './tickets.lookup.js';
export { audienceOf } from './audience.js';
export { ticketsRoutes } from './tickets.routes.js';
