import { useEffect, useRef, useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, refreshSession } from '../../lib/api.js';
import { useRealtimeSocket } from '../realtime/index.js';
import { filtersToParams } from './reportFilters.js';
import type { AgentRow, ExportTable, LiveReport, Overview, QueueRow, RecomputeResult, ReportFilters, SurveyComment } from './types.js';

const reportKeys = {
  all: ['reports'] as const,
  overview: (filters: ReportFilters) => [...reportKeys.all, 'overview', filters] as const,
  agents: (filters: ReportFilters) => [...reportKeys.all, 'agents', filters] as const,
  queues: (filters: ReportFilters) => [...reportKeys.all, 'queues', filters] as const,
  comments: (filters: ReportFilters) => [...reportKeys.all, 'comments', filters] as const,
  live: () => [...reportKeys.all, 'live'] as const,
};

const query = (filters: ReportFilters) => filtersToParams(filters).toString();
// Aggregates move with every ticket; a minute of staleness is fine for a period report.
const staleTime = 60_000;

export function useOverview(filters: ReportFilters) {
  return useQuery({
    queryKey: reportKeys.overview(filters),
    queryFn: ({ signal }) => api<Overview>(`/api/reports/overview?${query(filters)}`, { signal }),
    staleTime,
  });
}

export function useAgentsReport(filters: ReportFilters) {
  return useQuery({
    queryKey: reportKeys.agents(filters),
    queryFn: ({ signal }) => api<{ items: AgentRow[] }>(`/api/reports/agents?${query(filters)}`, { signal }).then((r) => r.items),
    staleTime,
  });
}

export function useQueuesReport(filters: ReportFilters) {
  return useQuery({
    queryKey: reportKeys.queues(filters),
    queryFn: ({ signal }) => api<{ items: QueueRow[] }>(`/api/reports/queues?${query(filters)}`, { signal }).then((r) => r.items),
    staleTime,
  });
}

export function useSurveyComments(filters: ReportFilters) {
  return useInfiniteQuery({
    queryKey: reportKeys.comments(filters),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => {
      const params = filtersToParams(filters);
      params.set('limit', '20');
      if (pageParam) params.set('cursor', pageParam);
      return api<{ items: SurveyComment[]; nextCursor: string | null }>(`/api/reports/survey-comments?${params.toString()}`, { signal });
    },
    getNextPageParam: (page) => page.nextCursor ?? null,
    staleTime,
  });
}

export function useRecompute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api<RecomputeResult>('/api/reports/recompute', { method: 'POST', body: { date } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

/** The socket only says "something changed"; a burst of ticket events becomes one refetch. */
const LIVE_DEBOUNCE_MS = 1_000;
/** In case events are missed (reconnect gap, another node's presence change): a slow poll. */
const LIVE_FALLBACK_MS = 30_000;

export function useLiveReport(enabled: boolean) {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  useEffect(() => {
    if (!socket || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void qc.invalidateQueries({ queryKey: reportKeys.live() }), LIVE_DEBOUNCE_MS);
    };
    // Presence has no socket event yet on every build; listening to a name never sent is harmless.
    const events = ['ticket.created', 'ticket.updated', 'ticket.removed', 'presence.changed'] as const;
    const raw = socket as unknown as { on(event: string, fn: () => void): void; off(event: string, fn: () => void): void }; // event names outside the typed map (presence) too
    for (const event of events) raw.on(event, refetch);
    socket.io.on('reconnect', refetch);
    return () => {
      clearTimeout(timer);
      for (const event of events) raw.off(event, refetch);
      socket.io.off('reconnect', refetch);
    };
  }, [socket, qc, enabled]);
  return useQuery({
    queryKey: reportKeys.live(),
    enabled,
    queryFn: ({ signal }) => api<LiveReport>('/api/reports/live', { signal }),
    refetchInterval: LIVE_FALLBACK_MS,
  });
}

/** Re-renders every `ms` while mounted: the live panel's waits tick without refetching. */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function exportUrl(table: ExportTable, format: 'csv' | 'xlsx', filters: ReportFilters, language: string): string {
  const params = filtersToParams(filters);
  params.set('table', table);
  params.set('format', format);
  params.set('lang', language === 'en' ? 'en' : 'pt-BR');
  return `/api/reports/export?${params.toString()}`;
}

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new ApiError({
    code: body?.error?.code ?? 'UNKNOWN',
    status: response.status,
    message: body?.error?.message ?? response.statusText,
  });
}

/**
 * Downloads a streamed export, reporting bytes as they arrive (the server streams, so there is no
 * length to show a percentage of). The file is saved through a link, like any download.
 */
export function useDownload() {
  const [progress, setProgress] = useState<{ key: string; bytes: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  async function download(key: string, url: string, fallbackName: string): Promise<void> {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ key, bytes: 0 });
    try {
      let response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
      if (response.status === 401 && (await refreshSession())) {
        response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
      }
      if (!response.ok) throw await errorOf(response);
      const chunks: BlobPart[] = [];
      let bytes = 0;
      const reader = response.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          bytes += value.byteLength;
          setProgress({ key, bytes });
        }
      } else {
        chunks.push(await response.blob());
      }
      const blob = new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' });
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = fileNameOf(response, fallbackName);
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked later: Chromium reads the blob after the click returns.
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setProgress(null);
      }
    }
  }

  return { download, progress };
}
