import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@jimmy/contracts';
import { refreshSession } from './api.js';
import { getAccessToken } from './session.js';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** `reconnecting` only after a first successful connect: a never-connected socket is just `connecting`. */
export type RealtimeState = 'connecting' | 'connected' | 'reconnecting';

export interface RealtimeConnection {
  socket: RealtimeSocket;
  close: () => void;
}

const MAX_AUTH_BACKOFF_MS = 30_000;

/**
 * Opens the socket for a signed-in user. The handshake sends the in-memory access token when we
 * have one; after a reload we only have the cookies, which the server also accepts on the same origin.
 */
export function connectRealtime(onState: (state: RealtimeState) => void): RealtimeConnection {
  const socket: RealtimeSocket = io({
    path: '/socket.io',
    withCredentials: true,
    autoConnect: false,
    // A callback, not an object, so every reconnect picks up the token a refresh just rotated.
    auth: (cb) => {
      const token = getAccessToken();
      cb(token ? { token } : {});
    },
  });

  let everConnected = false;
  let closed = false;
  let authFailures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const lostState = (): RealtimeState => (everConnected ? 'reconnecting' : 'connecting');

  const refreshThenReconnect = async () => {
    // The server refused the handshake (expired token, or reload with no token in memory) and
    // socket.io does not retry a middleware refusal by itself.
    authFailures += 1;
    const session = await refreshSession();
    if (closed || !session) return; // A failed refresh signs the user out through the session events.
    // Back off if the server keeps refusing fresh tokens, so we do not spin on refresh calls.
    const delay = authFailures <= 1 ? 0 : Math.min(MAX_AUTH_BACKOFF_MS, 1000 * 2 ** (authFailures - 1));
    retryTimer = setTimeout(() => {
      if (!closed) socket.connect();
    }, delay);
  };

  socket.on('connect', () => {
    everConnected = true;
    authFailures = 0;
    onState('connected');
  });

  socket.on('disconnect', (reason) => {
    if (closed) return;
    onState(lostState());
    // A server-side disconnect is final for socket.io; it usually means our session ended, and a
    // refreshed session tells us whether to come back or to sign out.
    if (reason === 'io server disconnect') void refreshThenReconnect();
  });

  socket.on('connect_error', (err) => {
    if (closed) return;
    onState(lostState());
    if (err.message === 'UNAUTHORIZED') void refreshThenReconnect();
  });

  onState('connecting');
  socket.connect();

  return {
    socket,
    close: () => {
      closed = true;
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
