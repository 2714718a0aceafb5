export { TicketsPage } from './TicketsPage.js';
export { TicketsRealtimeBridge } from './TicketsRealtimeBridge.js';
