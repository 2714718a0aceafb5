import { useEffect, useRef, type RefObject } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { connectRealtime, type RealtimeState } from '../../lib/socket.js';
import { useCurrentUser } from '../auth/index.js';
import { markRead, ticketKeys } from './ticketsApi.js';
import { findCachedTicket, patchTicketEverywhere, removeTicketEverywhere, upsertMessage, upsertTicketEverywhere } from './ticketsCache.js';
import { playChime, showBrowserNotification } from './notify.js';
import { messagePreview } from './ticketFormat.js';

/**
 * The console's own subscription to the ticket events. The app-wide RealtimeProvider does not hand
 * its socket out, so this page opens one for as long as it is mounted; events write straight into
 * the react-query caches instead of refetching.
 */
export function useTicketsRealtime(openTicketId: RefObject<number | null>) {
  const qc = useQueryClient();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { t } = useTranslation();
  // Handlers read the latest values through refs so the socket is not reopened on every render.
  const ctx = useRef({ me, navigate, t });
  ctx.current = { me, navigate, t };

  useEffect(() => {
    let lastState: RealtimeState = 'connecting';
    const connection = connectRealtime((state) => {
      // Whatever happened while we were away is only in the server's lists now.
      if (state === 'connected' && lastState === 'reconnecting') {
        void qc.invalidateQueries({ queryKey: ticketKeys.lists() });
        const open = openTicketId.current;
        if (open) {
          void qc.invalidateQueries({ queryKey: ticketKeys.messages(open) });
          void qc.invalidateQueries({ queryKey: ticketKeys.detail(open) });
        }
      }
      lastState = state;
    });
    const { socket } = connection;

    socket.on('ticket.created', ({ ticket }) => upsertTicketEverywhere(qc, ticket, ctx.current.me.id));
    socket.on('ticket.updated', ({ ticket }) => upsertTicketEverywhere(qc, ticket, ctx.current.me.id));
    socket.on('ticket.removed', ({ ticketId }) => {
      removeTicketEverywhere(qc, ticketId);
      if (openTicketId.current === ticketId) void qc.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
    });
    socket.on('message.updated', ({ ticketId, message }) => upsertMessage(qc, ticketId, message));
    socket.on('message.created', ({ ticketId, message }) => {
      upsertMessage(qc, ticketId, message);
      if (message.direction !== 'in') return;
      const visible = document.visibilityState === 'visible';
      const isOpen = openTicketId.current === ticketId;
      if (isOpen && visible) {
        patchTicketEverywhere(qc, ticketId, { unreadCount: 0 });
        void markRead(ticketId).catch(() => undefined);
        return;
      }
      const { me: user, t: tr, navigate: go } = ctx.current;
      if (!user.notificationsEnabled) return;
      playChime();
      const ticket = findCachedTicket(qc, ticketId);
      const title = ticket?.contact.name || tr('tickets.notify.newMessage');
      showBrowserNotification(title, messagePreview(message.type, message.body, tr), `ticket-${ticketId}`, () => void go(`/tickets/${ticketId}`));
    });

    return () => connection.close();
  }, [qc, openTicketId]);
}
