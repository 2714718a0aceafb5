import { useContactsRealtime } from '../contacts/index.js';
import { useLowScoreAlerts } from '../surveys/index.js';
import { showBrowserNotification } from './notify.js';
import { openTicketRef } from './openTicket.js';
import { useTicketsRealtime } from './useTicketsRealtime.js';

/** Mounted once in the app layout: keeps ticket and contact caches live and notifies on every page. */
export function TicketsRealtimeBridge() {
  useTicketsRealtime(openTicketRef);
  useLowScoreAlerts(showBrowserNotification);
  useContactsRealtime();
  return null;
}
