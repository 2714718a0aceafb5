import { useEffect, useEffectEvent, type RefObject } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Message, Ticket } from '@jimmy/contracts';
import { useRealtimeSocket } from '../realtime/index.js';
import { useCurrentUser } from '../auth/index.js';
import { contactKeys, ticketKeys } from '../../lib/queryKeys.js';
import { markRead } from './ticketsApi.js';
import { findCachedTicket, patchTicketEverywhere, removeTicketEverywhere, upsertMessage, upsertTicketEverywhere } from './ticketsCache.js';
import { playChime, showBrowserNotification } from './notify.js';
import { messagePreview } from './ticketFormat.js';

type TransferredPayload = { ticket: Ticket; from: { id: number; name: string }; note: string | null };

/**
 * The console's subscription to the ticket events on the session's shared socket; events write
 * straight into the react-query caches instead of refetching.
 */
export function useTicketsRealtime(openTicketId: RefObject<number | null>) {
  const qc = useQueryClient();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const socket = useRealtimeSocket();
  // Effect events read the latest user and language without re-adding the listeners on every render.
  const myId = useEffectEvent(() => me.id);
  const notify = useEffectEvent((ticketId: number, message: Message) => {
    if (!me.notificationsEnabled) return;
    playChime();
    const ticket = findCachedTicket(qc, ticketId);
    const title = ticket?.contact.name || t('tickets.notify.newMessage');
    showBrowserNotification(
      title,
      messagePreview(message.type, message.body, t),
      `ticket-${ticketId}`,
      () => void navigate(`/tickets/${ticketId}`),
    );
  });

  const notifyTransfer = useEffectEvent((payload: TransferredPayload) => {
    const key = payload.ticket.userId === me.id ? 'tickets.notify.transferredToYou' : 'tickets.notify.transferredToQueue';
    const text = t(key, { name: payload.from.name });
    const body = payload.note ? t('tickets.notify.withNote', { text, note: payload.note }) : text;
    const open = () => void navigate(`/tickets/${payload.ticket.id}`);
    notifications.show({
      color: 'brand',
      title: payload.ticket.contact.name || t('tickets.notify.transferredTitle'),
      message: body,
      autoClose: 10_000,
      onClick: open,
      style: { cursor: 'pointer' },
    });
    if (!me.notificationsEnabled) return;
    playChime();
    showBrowserNotification(t('tickets.notify.transferredTitle'), body, `transfer-${payload.ticket.id}`, open);
  });

  useEffect(() => {
    if (!socket) return;
    // After a reconnect, whatever happened while we were away is only in the server's lists.
    const refetch = () => {
      void qc.invalidateQueries({ queryKey: ticketKeys.lists() });
      void qc.invalidateQueries({ queryKey: contactKeys.histories() });
      const open = openTicketId.current;
      if (open) {
        void qc.invalidateQueries({ queryKey: ticketKeys.messages(open) });
        void qc.invalidateQueries({ queryKey: ticketKeys.detail(open) });
      }
    };
    socket.io.on('reconnect', refetch);

    const onTicketCreated = ({ ticket }: { ticket: Ticket }) => upsertTicketEverywhere(qc, ticket, myId());
    const onTicketUpdated = ({ ticket }: { ticket: Ticket }) => upsertTicketEverywhere(qc, ticket, myId());
    const onTicketRemoved = ({ ticketId }: { ticketId: number }) => {
      removeTicketEverywhere(qc, ticketId);
      if (openTicketId.current === ticketId) void qc.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
    };
    const onMessageUpdated = ({ ticketId, message }: { ticketId: number; message: Message }) => upsertMessage(qc, ticketId, message);
    const onMessageCreated = ({ ticketId, message }: { ticketId: number; message: Message }) => {
      upsertMessage(qc, ticketId, message);
      if (message.direction !== 'in') return;
      const visible = document.visibilityState === 'visible';
      const isOpen = openTicketId.current === ticketId;
      if (isOpen && visible) {
        patchTicketEverywhere(qc, ticketId, { unreadCount: 0 });
        void markRead(ticketId).catch(() => undefined);
        return;
      }
      notify(ticketId, message);
    };
    const onTicketTransferred = (payload: TransferredPayload) => {
      upsertTicketEverywhere(qc, payload.ticket, myId());
      notifyTransfer(payload);
    };
    socket.on('ticket.created', onTicketCreated);
    socket.on('ticket.transferred', onTicketTransferred);
    socket.on('ticket.updated', onTicketUpdated);
    socket.on('ticket.removed', onTicketRemoved);
    socket.on('message.updated', onMessageUpdated);
    socket.on('message.created', onMessageCreated);

    return () => {
      socket.io.off('reconnect', refetch);
      socket.off('ticket.created', onTicketCreated);
      socket.off('ticket.transferred', onTicketTransferred);
      socket.off('ticket.updated', onTicketUpdated);
      socket.off('ticket.removed', onTicketRemoved);
      socket.off('message.updated', onMessageUpdated);
      socket.off('message.created', onMessageCreated);
    };
  }, [qc, openTicketId, socket]);
}
