import type { User } from './users.js';

/**
 * Every server → client Socket.IO event and its payload. The gateway is typed with this map,
 * and so is the web client, so an event renamed on one side breaks the build on the other.
 * Ticket and message events join this map with the conversations issue.
 */
export interface ServerToClientEvents {
  'user.created': (payload: { user: User }) => void;
  'user.updated': (payload: { user: User }) => void;
  /** Sent to a user's own room when their session is revoked (deactivated, logged out elsewhere). */
  'session.revoked': (payload: { reason: string }) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
}
