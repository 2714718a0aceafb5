import { createContext, useContext } from 'react';
import type { RealtimeSocket, RealtimeState } from '../../lib/socket.js';

/** `offline` when nobody is signed in and no socket exists. */
export type RealtimeStatusValue = RealtimeState | 'offline';

export const RealtimeContext = createContext<RealtimeStatusValue>('offline');

export function useRealtimeState(): RealtimeStatusValue {
  return useContext(RealtimeContext);
}

/** The one socket of the signed-in session, shared by every feature (null while signed out). */
export const RealtimeSocketContext = createContext<RealtimeSocket | null>(null);

export function useRealtimeSocket(): RealtimeSocket | null {
  return useContext(RealtimeSocketContext);
}
