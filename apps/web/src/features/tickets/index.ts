export { TicketsRealtimeBridge } from './TicketsRealtimeBridge.js';
