import type { ErrorBody, LoginResponse } from '@jimmy/contracts';
import { acceptSession, emitSessionExpired, emitSessionRefreshed } from './session.js';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: Record<string, string>;
  /** Seconds from a Retry-After header (429), when the server sent one. */
  readonly retryAfter: number | null;
  /** Structured extras some errors carry (FLOW_INVALID: `{ problems }`); unknown until the caller checks. */
  readonly details: unknown;

  constructor(opts: {
    code: string;
    status: number;
    message: string;
    fields?: Record<string, string>;
    retryAfter?: number | null;
    details?: unknown;
  }) {
    super(opts.message);
    this.name = 'ApiError';
    this.code = opts.code;
    this.status = opts.status;
    this.fields = opts.fields ?? {};
    this.retryAfter = opts.retryAfter ?? null;
    this.details = opts.details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Skip the refresh-and-retry on 401. Login and refresh themselves use it: a 401 there is the
   * answer (wrong password, expired session), not a stale access token.
   */
  noRefresh?: boolean;
}

// Auth routes that must never trigger the refresh dance, whoever calls them.
const NO_REFRESH_PATHS = new Set(['/api/auth/login', '/api/auth/refresh', '/api/auth/logout']);

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  // Retry-After may also be an HTTP date (RFC 9110 §10.2.3).
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Proxies and crashed servers answer with HTML or nothing; keep the status code at least.
  }
  if (isErrorBody(body)) {
    return new ApiError({
      code: body.error.code,
      status: response.status,
      message: body.error.message,
      fields: body.error.fields,
      retryAfter,
      details: body.error.details,
    });
  }
  return new ApiError({
    code: response.status === 401 ? 'UNAUTHORIZED' : 'UNKNOWN',
    status: response.status,
    message: response.statusText,
    retryAfter,
  });
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(path, { method: opts.method ?? 'GET', headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: err instanceof Error ? err.message : 'network error' });
  }
}

let refreshing: Promise<LoginResponse | null> | null = null;
let switchingSession = false;

/**
 * For a page about to swap its session and reload (a support sign-in and its end): no refresh and no
 * sign-out starts from now on (the old session's `session.revoked` would sign out), and a refresh
 * already on its way is waited for. Their Set-Cookie could otherwise arrive after the new session's
 * and put back or clear the old one, and the reload would land on the login page.
 */
export async function holdSessionRefresh(): Promise<() => void> {
  switchingSession = true;
  await refreshing;
  // For when the swap itself failed and the page stays where it is.
  return () => {
    switchingSession = false;
  };
}

/**
 * Rotates the session with the refresh cookie. Concurrent callers share one request, because the
 * server rotates the refresh token: a second parallel refresh would present an already-used token.
 */
/** True while the page swaps its session (holdSessionRefresh): a sign-out now would undo the new one. */
export function isSwitchingSession(): boolean {
  return switchingSession;
}

export function refreshSession(): Promise<LoginResponse | null> {
  // The page is navigating away into another session: callers wait for the reload instead.
  if (switchingSession) return new Promise<never>(() => undefined);
  refreshing ??= (async () => {
    try {
      const response = await send('/api/auth/refresh', { method: 'POST', noRefresh: true });
      if (!response.ok) return null;
      const session = (await response.json()) as LoginResponse;
      acceptSession(session);
      emitSessionRefreshed(session.user);
      return session;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let response = await send(path, opts);
  if (response.status === 401 && !opts.noRefresh && !NO_REFRESH_PATHS.has(path)) {
    const session = await refreshSession();
    if (!session) {
      emitSessionExpired();
      throw await toApiError(response);
    }
    response = await send(path, opts);
    if (response.status === 401) emitSessionExpired();
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
