import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Contact,
  CreateQuickResponseRequest,
  Message,
  Queue,
  QuickResponse,
  RenderedQuickResponse,
  UpdateQuickResponseRequest,
} from '@jimmy/contracts';
import { api, ApiError, refreshSession } from '../../lib/api.js';
import { emitSessionExpired } from '../../lib/session.js';
import { queueKeys } from '../../lib/queryKeys.js';

export const quickResponseKeys = {
  all: ['quick-responses'] as const,
  list: (q: string) => [...quickResponseKeys.all, 'list', q] as const,
};

/** The whole list the caller may use; the palette filters it locally as the agent types. */
export function useQuickResponses(q = '', enabled = true) {
  return useQuery({
    queryKey: quickResponseKeys.list(q),
    enabled,
    staleTime: 30_000,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ limit: '500' });
      if (q) params.set('q', q);
      return api<{ items: QuickResponse[] }>(`/api/quick-responses?${params.toString()}`, { signal }).then((r) => r.items);
    },
  });
}

export function useQueueOptions() {
  return useQuery({
    queryKey: queueKeys.list(),
    queryFn: ({ signal }) => api<{ items: Queue[] }>('/api/queues', { signal }).then((r) => r.items),
  });
}

export function useContactSearch(q: string) {
  return useQuery({
    queryKey: ['contacts', 'list', q, 'quick-card'],
    enabled: q.trim().length >= 2,
    queryFn: ({ signal }) =>
      api<{ items: Contact[] }>(`/api/contacts?limit=10&q=${encodeURIComponent(q.trim())}`, { signal }).then((r) => r.items),
  });
}

/** Every change answers with the whole response; the lists refetch around it. */
export function useQuickResponseMutation<V>(fn: (vars: V) => Promise<QuickResponse | void>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: quickResponseKeys.all }) });
}

export const createQuickResponse = (input: CreateQuickResponseRequest) =>
  api<QuickResponse>('/api/quick-responses', { method: 'POST', body: input });
export const updateQuickResponse = (id: number, input: UpdateQuickResponseRequest) =>
  api<QuickResponse>(`/api/quick-responses/${id}`, { method: 'PUT', body: input });
export const deleteQuickResponse = (id: number) => api<void>(`/api/quick-responses/${id}`, { method: 'DELETE' });
export const addContactCard = (id: number, card: { contactId?: number; name?: string; phone?: string }) =>
  api<QuickResponse>(`/api/quick-responses/${id}/attachments`, { method: 'POST', body: { kind: 'contact', ...card } });
export const removeAttachment = (id: number, attachmentId: number) =>
  api<QuickResponse>(`/api/quick-responses/${id}/attachments/${attachmentId}`, { method: 'DELETE' });
export const reorderAttachments = (id: number, attachmentIds: number[]) =>
  api<QuickResponse>(`/api/quick-responses/${id}/attachments/order`, { method: 'PUT', body: { attachmentIds } });

export const previewQuickResponse = (ticketId: number, id: number) =>
  api<RenderedQuickResponse>(`/api/tickets/${ticketId}/quick-responses/${id}/preview`);
export const sendQuickResponse = (ticketId: number, id: number, body: string, attachmentIds: number[]) =>
  api<{ items: Message[] }>(`/api/tickets/${ticketId}/quick-responses/${id}/send`, { method: 'POST', body: { body, attachmentIds } });

function toError(xhr: XMLHttpRequest): ApiError {
  try {
    const parsed = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; fields?: Record<string, string> } };
    if (parsed.error?.code) {
      return new ApiError({
        code: parsed.error.code,
        status: xhr.status,
        message: parsed.error.message ?? '',
        fields: parsed.error.fields,
      });
    }
  } catch {
    // Not JSON (a proxy's error page): the status is all there is.
  }
  return new ApiError({ code: xhr.status === 0 ? 'NETWORK_ERROR' : 'UNKNOWN', status: xhr.status, message: xhr.statusText });
}

function uploadOnce(id: number, file: File, asVoice: boolean, onProgress: (fraction: number) => void) {
  return new Promise<XMLHttpRequest>((resolve, reject) => {
    const form = new FormData();
    if (asVoice) form.append('asVoice', 'true');
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/quick-responses/${id}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'network error' }));
    xhr.send(form);
  });
}

/** Multipart through XMLHttpRequest, since fetch reports no upload progress; one refresh-and-retry on 401 like api(). */
export async function uploadAttachment(id: number, file: File, asVoice: boolean, onProgress: (fraction: number) => void) {
  let xhr = await uploadOnce(id, file, asVoice, onProgress);
  if (xhr.status === 401) {
    if (!(await refreshSession())) {
      emitSessionExpired();
      throw toError(xhr);
    }
    xhr = await uploadOnce(id, file, asVoice, onProgress);
  }
  if (xhr.status < 200 || xhr.status >= 300) throw toError(xhr);
  return JSON.parse(xhr.responseText) as QuickResponse;
}
