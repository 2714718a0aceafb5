/**
 * The one error type adapters throw. The flags, not the code, drive the caller: retry with backoff
 * (retryable/rateLimited), switch to a template (windowClosed), alert an admin (authFailed), or look
 * up the message before re-sending because Meta has no idempotency key (maybeDelivered).
 */
export interface ChannelErrorInit {
  code: string | number;
  message: string;
  retryable: boolean;
  windowClosed?: boolean;
  rateLimited?: boolean;
  authFailed?: boolean;
  maybeDelivered?: boolean;
  httpStatus?: number;
  details?: string;
  cause?: unknown;
}

export class ChannelError extends Error {
  readonly code: string | number;
  readonly retryable: boolean;
  readonly windowClosed: boolean;
  readonly rateLimited: boolean;
  readonly authFailed: boolean;
  readonly maybeDelivered: boolean;
  readonly httpStatus?: number;
  readonly details?: string;

  constructor(init: ChannelErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ChannelError';
    this.code = init.code;
    this.retryable = init.retryable;
    this.windowClosed = init.windowClosed ?? false;
    this.rateLimited = init.rateLimited ?? false;
    this.authFailed = init.authFailed ?? false;
    this.maybeDelivered = init.maybeDelivered ?? false;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.details !== undefined) this.details = init.details;
  }
}

/** Re-engagement: outside the 24-hour customer-service window only templates are allowed. */
const WINDOW_CLOSED_CODES = new Set([131047]);
/** 130429 throughput, 131056 pair rate, 80007 WABA rate limit, 4 app-level call limit. */
const RATE_LIMIT_CODES = new Set([130429, 131056, 80007, 4]);
/** 190: access token expired, revoked or invalid. */
const AUTH_CODES = new Set([190]);

export interface MetaErrorInput {
  httpStatus?: number;
  code?: number | string;
  message?: string;
  details?: string;
}

/** Maps a Graph API error (HTTP status + Meta code) onto the ChannelError flags. */
export function classifyMetaError(input: MetaErrorInput): ChannelError {
  const { httpStatus, details } = input;
  const numericCode = typeof input.code === 'number' ? input.code : Number(input.code);
  const code = input.code ?? httpStatus ?? 'UNKNOWN';
  const message = input.message ?? `Graph API error ${String(code)}`;
  const base = { code, message, httpStatus, details };

  if (WINDOW_CLOSED_CODES.has(numericCode)) {
    return new ChannelError({ ...base, retryable: false, windowClosed: true });
  }
  if (RATE_LIMIT_CODES.has(numericCode) || httpStatus === 429) {
    return new ChannelError({ ...base, retryable: true, rateLimited: true });
  }
  if (AUTH_CODES.has(numericCode) || httpStatus === 401) {
    return new ChannelError({ ...base, retryable: false, authFailed: true });
  }
  if (httpStatus !== undefined && httpStatus >= 500) {
    return new ChannelError({ ...base, retryable: true });
  }
  // 131026 undeliverable, 131051 unsupported type, 100 bad parameter, 131009 bad value, other 4xx:
  // repeating the same request gives the same answer.
  return new ChannelError({ ...base, retryable: false });
}

/** The request may have reached Meta before the clock ran out, so a blind retry can double-send. */
export function timeoutError(timeoutMs: number, cause?: unknown): ChannelError {
  return new ChannelError({
    code: 'TIMEOUT',
    message: `Graph API did not answer within ${timeoutMs} ms`,
    retryable: true,
    maybeDelivered: true,
    cause,
  });
}

/** Failures before a connection exists cannot have delivered anything; later ones might have. */
const CONNECT_PHASE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function networkError(cause: unknown): ChannelError {
  const causeCode = readCauseCode(cause);
  return new ChannelError({
    code: 'NETWORK',
    message: `Graph API unreachable${causeCode ? ` (${causeCode})` : ''}`,
    retryable: true,
    maybeDelivered: causeCode === undefined || !CONNECT_PHASE_CODES.has(causeCode),
    cause,
  });
}

function readCauseCode(error: unknown): string | undefined {
  // fetch wraps socket errors: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }).
  const inner = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (typeof inner === 'object' && inner !== null && 'code' in inner && typeof inner.code === 'string') {
    return inner.code;
  }
  return undefined;
}
