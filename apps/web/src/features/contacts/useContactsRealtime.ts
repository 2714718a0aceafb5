import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { contactKeys, ticketKeys } from '../../lib/queryKeys.js';
import { useRealtimeSocket } from '../realtime/index.js';

/**
 * Another user edited, tagged, blocked, merged or anonymised a contact: the contacts page, the
 * contact panel and the timeline refetch, and so do ticket lists and details, which show its name.
 * Contact writes are rare next to messages, so refetching beats patching every cached copy.
 */
export function useContactsRealtime() {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  useEffect(() => {
    if (!socket) return;
    const onChanged = () => {
      void qc.invalidateQueries({ queryKey: contactKeys.all });
      void qc.invalidateQueries({ queryKey: ticketKeys.lists() });
      void qc.invalidateQueries({ queryKey: ticketKeys.details() });
    };
    socket.on('contact.changed', onChanged);
    return () => {
      socket.off('contact.changed', onChanged);
    };
  }, [qc, socket]);
}
