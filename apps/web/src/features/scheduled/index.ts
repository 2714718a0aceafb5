export { ScheduleButton } from './ScheduleButton.js';
export { TicketScheduled } from './TicketScheduled.js';
