import { openTicketRef } from './openTicket.js';
import { useTicketsRealtime } from './useTicketsRealtime.js';

/** Mounted once in the app layout: keeps ticket caches live and notifies on every page. */
export function TicketsRealtimeBridge() {
  useTicketsRealtime(openTicketRef);
  return null;
}
