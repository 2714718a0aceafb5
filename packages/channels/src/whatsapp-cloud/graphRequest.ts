import { ChannelError, classifyMetaError, networkError, timeoutError } from '../ChannelError.js';
import { asNumber, asObject, asString } from '../jsonReaders.js';

export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  accessToken: string;
  timeoutMs: number;
  json?: unknown;
  form?: FormData;
}

/**
 * Performs one Graph API call and hands the OK response to `read`. The timeout covers reading the
 * body too, and every failure leaves as a ChannelError so callers never see fetch's bare TypeError.
 */
export async function graphRequest<T>(request: GraphRequest, read: (response: Response) => Promise<T>): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${request.accessToken}` };
  let body: string | FormData | undefined;
  if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    body = request.form; // fetch sets the multipart boundary itself.
  }

  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    if (!response.ok) throw toChannelError(response.status, await response.text());
    return await read(response);
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    if (error instanceof Error && error.name === 'TimeoutError') throw timeoutError(request.timeoutMs, error);
    throw networkError(error);
  }
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ChannelError({
      code: 'BAD_RESPONSE',
      message: 'Graph API answered with non-JSON',
      retryable: false,
      httpStatus: response.status,
      details: text.slice(0, 200),
      cause,
    });
  }
}

/** Meta's error body: {"error":{"message","type","code","error_data":{"details"},"fbtrace_id"}}. */
function toChannelError(httpStatus: number, text: string): ChannelError {
  let error: Record<string, unknown> | undefined;
  try {
    error = asObject(asObject(JSON.parse(text))?.['error']);
  } catch {
    error = undefined; // proxies and load balancers answer HTML; the HTTP status still classifies it.
  }
  const fbtrace = asString(error?.['fbtrace_id']);
  const details = asString(asObject(error?.['error_data'])?.['details']);
  return classifyMetaError({
    httpStatus,
    code: asNumber(error?.['code']) ?? asString(error?.['code']),
    message: (asString(error?.['message']) ?? `HTTP ${httpStatus}`) + (fbtrace ? ` [fbtrace ${fbtrace}]` : ''),
    details,
  });
}
