import type { LoginResponse, SessionUser } from '@jimmy/contracts';

/**
 * The access token lives in memory only: the httpOnly cookies are what survive a reload, and a token
 * in localStorage would be readable by any injected script. The socket handshake reads it from here.
 */
let accessToken: string | null = null;

type SessionListener = {
  /** A refresh rotated the tokens; the user may have changed (role, name) since the last fetch. */
  refreshed: (user: SessionUser) => void;
  /** The refresh cookie is gone or rejected: the user must sign in again. */
  expired: () => void;
};

const listeners = new Set<Partial<SessionListener>>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export function acceptSession(response: LoginResponse): void {
  accessToken = response.accessToken;
}

export function onSessionEvent(listener: Partial<SessionListener>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitSessionRefreshed(user: SessionUser): void {
  for (const l of listeners) l.refreshed?.(user);
}

export function emitSessionExpired(): void {
  accessToken = null;
  for (const l of listeners) l.expired?.();
}
