import { createContext, useContext } from 'react';
import type { RealtimeState } from '../../lib/socket.js';

/** `offline` when nobody is signed in and no socket exists. */
export type RealtimeStatusValue = RealtimeState | 'offline';

export const RealtimeContext = createContext<RealtimeStatusValue>('offline');

export function useRealtimeState(): RealtimeStatusValue {
  return useContext(RealtimeContext);
}
