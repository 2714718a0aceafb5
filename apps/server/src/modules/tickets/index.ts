export { TicketsRepository, selectTicket } from './tickets.repository.js';
export { toTicketDto, type TicketRow } from './tickets.mapper.js';
export { TicketsService, type PrivateNotes, type SystemNotes } from './tickets.service.js';
export { TicketLookup } from './tickets.lookup.js';
export { audienceOf } from './audience.js';
export { ticketsRoutes } from './tickets.routes.js';
export { canSeeTicket, queueRoomOf, rooms, roomsOfTicket, roomsOfViewer, visibleToSql, type Viewer } from './visibility.js';
export { recordTicketEvent, type TicketEventKind } from './ticket-events.js';
export { endFlowSessionIn } from './flow-takeover.js';
