export { RealtimeProvider } from './RealtimeProvider.js';
export { RealtimeStatus, ReconnectingBanner } from './RealtimeStatus.js';
export { useRealtimeSocket, useRealtimeState } from './RealtimeContext.js';
