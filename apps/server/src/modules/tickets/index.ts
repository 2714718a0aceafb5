export { TicketsRepository, type Viewer } from './tickets.repository.js';
export { TicketsService, audienceOf } from './tickets.service.js';
export { ticketsRoutes } from './tickets.routes.js';
export { toTicketDto, WINDOW_MS, type TicketRow } from './tickets.mapper.js';
export { canSeeTicket, seesAllTickets } from './visibility.js';
