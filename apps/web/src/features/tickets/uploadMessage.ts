import type { Message } from '@jimmy/contracts';
import { ApiError, refreshSession } from '../../lib/api.js';
import { emitSessionExpired } from '../../lib/session.js';

export interface UploadInput {
  file: Blob;
  fileName: string;
  body?: string;
  quotedMessageId?: number;
  voice?: boolean;
}

function toError(xhr: XMLHttpRequest): ApiError {
  try {
    const parsed = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; fields?: Record<string, string> } };
    if (parsed.error?.code)
      return new ApiError({
        code: parsed.error.code,
        status: xhr.status,
        message: parsed.error.message ?? '',
        fields: parsed.error.fields,
      });
  } catch {
    // Not JSON (proxy error page): the status is all we have.
  }
  return new ApiError({ code: xhr.status === 0 ? 'NETWORK_ERROR' : 'UNKNOWN', status: xhr.status, message: xhr.statusText });
}

function once(
  ticketId: number,
  input: UploadInput,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<{ status: number; xhr: XMLHttpRequest }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', input.file, input.fileName);
    if (input.body) form.append('body', input.body);
    if (input.quotedMessageId) form.append('quotedMessageId', String(input.quotedMessageId));
    if (input.voice) form.append('voice', 'true');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/tickets/${ticketId}/messages`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, xhr });
    xhr.onerror = () => reject(new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'network error' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/**
 * Multipart send through XMLHttpRequest because fetch cannot report upload progress. It repeats
 * the api() wrapper's one refresh-and-retry on 401 so an expired access token is not an error.
 */
export async function uploadMessage(
  ticketId: number,
  input: UploadInput,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Message> {
  let result = await once(ticketId, input, onProgress, signal);
  if (result.status === 401) {
    const session = await refreshSession();
    if (!session) {
      emitSessionExpired();
      throw toError(result.xhr);
    }
    onProgress(0);
    result = await once(ticketId, input, onProgress, signal);
  }
  if (result.status < 200 || result.status >= 300) throw toError(result.xhr);
  return JSON.parse(result.xhr.responseText) as Message;
}
