import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { connectRealtime } from '../../lib/socket.js';
import { userKeys } from '../../lib/queryKeys.js';
import { useAuth } from '../auth/index.js';
import type { RealtimeSocket } from '../../lib/socket.js';
import { RealtimeContext, RealtimeSocketContext, type RealtimeStatusValue } from './RealtimeContext.js';

/** One socket per signed-in session; server events become cache invalidations, never direct state writes. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { status, user, logout } = useAuth();
  const queryClient = useQueryClient();
  const [state, setState] = useState<RealtimeStatusValue>('offline');
  const [socket, setSocket] = useState<RealtimeSocket | null>(null);
  const userId = user?.id ?? null;
  // Read through a ref so a new logout identity never tears down a healthy socket.
  const logoutRef = useRef(logout);
  useEffect(() => {
    logoutRef.current = logout;
  }, [logout]);

  useEffect(() => {
    if (status !== 'authenticated' || userId === null) return;
    const connection = connectRealtime(setState);
    // The socket is an external resource this effect creates for this identity; publishing it to the
    // context is the whole point, and there is no render-time value it could be derived from.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSocket(connection.socket);
    const invalidateUsers = () => void queryClient.invalidateQueries({ queryKey: userKeys.all });
    connection.socket.on('user.created', invalidateUsers);
    connection.socket.on('user.updated', invalidateUsers);
    connection.socket.on('session.revoked', () => void logoutRef.current('revoked'));
    return () => {
      connection.close();
      setSocket(null);
      setState('offline');
    };
    // Reconnect only when the signed-in identity changes, not on every profile edit.
  }, [status, userId, queryClient]);

  return (
    <RealtimeContext.Provider value={state}>
      <RealtimeSocketContext.Provider value={socket}>{children}</RealtimeSocketContext.Provider>
    </RealtimeContext.Provider>
  );
}
