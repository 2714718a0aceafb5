import { useQuery } from '@tanstack/react-query';
import type { ContactImport, ImportMapping, ImportPreview } from '@jimmy/contracts';
import { ApiError, api, refreshSession } from '../../../lib/api.js';
import { emitSessionExpired } from '../../../lib/session.js';

/** Multipart POST with the same session refresh as `api` (which only sends JSON). */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  const go = () => fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  let response = await go().catch(() => {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'network error' });
  });
  if (response.status === 401) {
    if (!(await refreshSession())) emitSessionExpired();
    else response = await go();
  }
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; fields?: Record<string, string> };
  } | null;
  if (response.ok) return body as T;
  const error = body?.error;
  throw new ApiError({
    code: error?.code ?? 'UNKNOWN',
    status: response.status,
    message: error?.message ?? response.statusText,
    ...(error?.fields && { fields: error.fields }),
  });
}

export function previewImport(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file);
  return postForm('/api/contacts/imports/preview', form);
}

export function startImport(file: File, mapping: ImportMapping, locale: 'pt-BR' | 'en'): Promise<ContactImport> {
  const form = new FormData();
  // Text fields first: the server streams the file to disk as it arrives.
  form.append('mapping', JSON.stringify(mapping));
  form.append('locale', locale);
  form.append('file', file);
  return postForm('/api/contacts/imports', form);
}

/** Polled while it runs: a progress bar that also works when the socket is down. */
export function useImportStatus(id: number | null) {
  return useQuery({
    queryKey: ['contact-imports', id],
    queryFn: () => api<ContactImport>(`/api/contacts/imports/${id}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 700 : false),
  });
}

export const reportUrl = (id: number) => `/api/contacts/imports/${id}/report.csv`;

export function exportUrl(filter: { q?: string; tagIds?: number[]; tagMode?: 'any' | 'all' }, lang: string): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.tagIds?.length) params.set('tagIds', filter.tagIds.join(','));
  if (filter.tagMode) params.set('tagMode', filter.tagMode);
  params.set('lang', lang === 'en' ? 'en' : 'pt-BR');
  return `/api/contacts/export.csv?${params.toString()}`;
}
