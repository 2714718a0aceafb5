import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FlowMedia } from '@jimmy/contracts';
import { api, ApiError, refreshSession } from '../../lib/api.js';
import { flowKeys } from '../../lib/queryKeys.js';
import { emitSessionExpired } from '../../lib/session.js';

/** The media library Media nodes pick from (uploaded files). */
export function useFlowMedia(enabled = true) {
  return useQuery({
    queryKey: flowKeys.media(),
    queryFn: ({ signal }) => api<{ items: FlowMedia[] }>('/api/flows/media', { signal }).then((r) => r.items),
    enabled,
  });
}

export const flowMediaFileUrl = (id: number | string) => `/api/flows/media/${id}/file`;

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

function uploadOnce(file: File, onProgress: (fraction: number) => void) {
  return new Promise<XMLHttpRequest>((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/flows/media');
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
async function uploadFlowMedia(file: File, onProgress: (fraction: number) => void): Promise<FlowMedia> {
  let xhr = await uploadOnce(file, onProgress);
  if (xhr.status === 401) {
    if (!(await refreshSession())) {
      emitSessionExpired();
      throw toError(xhr);
    }
    xhr = await uploadOnce(file, onProgress);
  }
  if (xhr.status < 200 || xhr.status >= 300) throw toError(xhr);
  return JSON.parse(xhr.responseText) as FlowMedia;
}

/** Uploads and puts the new file at the top of the cached library, so the select shows it at once. */
export function useUploadFlowMedia() {
  const queryClient = useQueryClient();
  return async (file: File, onProgress: (fraction: number) => void) => {
    const created = await uploadFlowMedia(file, onProgress);
    queryClient.setQueryData<FlowMedia[]>(flowKeys.media(), (items) => [created, ...(items ?? []).filter((i) => i.id !== created.id)]);
    void queryClient.invalidateQueries({ queryKey: flowKeys.media() });
    return created;
  };
}
