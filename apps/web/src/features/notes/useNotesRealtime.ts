import { useEffect, useEffectEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@jimmy/contracts';
import { useRealtimeSocket } from '../realtime/index.js';
import { notesKeys, removeMessage } from './notesApi.js';

/** Where a notification leads: its ticket, scrolled to the note; a webhook notice to the webhooks tab; a chat mention to its conversation. */
export const notificationPath = (n: Notification) =>
  n.kind === 'webhook-disabled'
    ? '/integrations?tab=webhooks'
    : n.kind === 'chat-mention'
      ? `/chat${n.conversationId ? `?c=${n.conversationId}` : ''}`
      : n.ticketId
        ? `/tickets/${n.ticketId}${n.messageId ? `?message=${n.messageId}` : ''}`
        : null;

/** Live mentions (a toast that opens the note) and deleted notes, on the session's shared socket. */
export function useNotesRealtime() {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const toast = useEffectEvent((n: Notification) => {
    const path = notificationPath(n);
    notifications.show({
      color: 'yellow',
      title:
        n.kind === 'webhook-disabled'
          ? t('notes.bell.webhookDisabled')
          : t('notes.bell.mentioned', { name: n.actor?.name ?? t('notes.bell.someone') }),
      message: n.excerpt,
      autoClose: 10_000,
      style: { cursor: 'pointer' },
      onClick: () => path && void navigate(path),
      'data-testid': 'mention-toast',
    });
  });

  useEffect(() => {
    if (!socket) return;
    const onNotification = ({ notification }: { notification: Notification }) => {
      void qc.invalidateQueries({ queryKey: notesKeys.notifications });
      toast(notification);
    };
    const onDeleted = ({ ticketId, messageId }: { ticketId: number; messageId: number }) => removeMessage(qc, ticketId, messageId);
    const refetch = () => void qc.invalidateQueries({ queryKey: notesKeys.notifications });
    socket.on('notification.created', onNotification);
    socket.on('message.deleted', onDeleted);
    socket.io.on('reconnect', refetch);
    return () => {
      socket.off('notification.created', onNotification);
      socket.off('message.deleted', onDeleted);
      socket.io.off('reconnect', refetch);
    };
  }, [qc, socket]);
}
