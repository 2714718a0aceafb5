export { RealtimeProvider } from './RealtimeProvider.js';
export { RealtimeStatus, ReconnectingBanner } from './RealtimeStatus.js';
export { useRealtimeSocket } from './RealtimeContext.js';
