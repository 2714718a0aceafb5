import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AnnouncementAckedEvent, PendingAnnouncement } from '@jimmy/contracts';
import { useRealtimeSocket } from '../realtime/index.js';
import { announcementKeys } from './announcementsApi.js';

/**
 * Announcements on the session's shared socket: a new one joins the banner at once, an
 * acknowledgement moves the sender's counters and read list, an archived one leaves both.
 */
export function useAnnouncementsRealtime() {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  useEffect(() => {
    if (!socket) return;
    const onCreated = ({ announcement }: { announcement: PendingAnnouncement }) => {
      qc.setQueryData<PendingAnnouncement[]>(announcementKeys.pending, (items) =>
        items && !items.some((a) => a.id === announcement.id) ? [announcement, ...items] : items,
      );
      void qc.invalidateQueries({ queryKey: announcementKeys.pending });
    };
    const onAcked = ({ announcementId }: AnnouncementAckedEvent) => {
      void qc.invalidateQueries({ queryKey: announcementKeys.lists });
      void qc.invalidateQueries({ queryKey: announcementKeys.acks(announcementId) });
    };
    const onArchived = ({ announcementId }: { announcementId: number }) => {
      qc.setQueryData<PendingAnnouncement[]>(announcementKeys.pending, (items) => items?.filter((a) => a.id !== announcementId));
      void qc.invalidateQueries({ queryKey: announcementKeys.lists });
    };
    // Whatever happened while the socket was down.
    const refetch = () => void qc.invalidateQueries({ queryKey: announcementKeys.all });
    socket.on('announcement.created', onCreated);
    socket.on('announcement.acked', onAcked);
    socket.on('announcement.archived', onArchived);
    socket.io.on('reconnect', refetch);
    return () => {
      socket.off('announcement.created', onCreated);
      socket.off('announcement.acked', onAcked);
      socket.off('announcement.archived', onArchived);
      socket.io.off('reconnect', refetch);
    };
  }, [qc, socket]);
}
