import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FlowAnalytics, FlowDetail, FlowProblemDto, FlowSummary, FlowVersionDto } from '@jimmy/contracts';
import { api, isApiError } from '../../lib/api.js';
import { connectionKeys, flowKeys } from '../../lib/queryKeys.js';

export function useFlows() {
  return useQuery({
    queryKey: flowKeys.list(),
    queryFn: ({ signal }) => api<{ items: FlowSummary[] }>('/api/flows', { signal }).then((r) => r.items),
  });
}

export function useFlow(id: number) {
  return useQuery({
    queryKey: flowKeys.detail(id),
    queryFn: ({ signal }) => api<FlowDetail>(`/api/flows/${id}`, { signal }),
    // The builder owns the draft once open: a background refetch must not overwrite what is being typed.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    // …and forgets it on leaving, so reopening starts from what autosave stored, not from this copy.
    gcTime: 0,
  });
}

export function useCreateFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; graph?: unknown }) => api<FlowDetail>('/api/flows', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: flowKeys.list() }),
  });
}

export function useDeleteFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api/flows/${id}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: flowKeys.list() }),
  });
}

/** The autosave: no cache invalidation, the builder's state is already what was sent. */
export function saveDraft(id: number, draft: unknown): Promise<FlowDetail> {
  return api<FlowDetail>(`/api/flows/${id}`, { method: 'PUT', body: { draft } });
}

export function usePublishFlow(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<FlowVersionDto>(`/api/flows/${id}/publish`, { method: 'POST' }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: flowKeys.versions(id) }),
        queryClient.invalidateQueries({ queryKey: flowKeys.list() }),
      ]),
  });
}

/** The problems of a refused publish (422 FLOW_INVALID), or null for any other failure. */
export function publishProblems(error: unknown): FlowProblemDto[] | null {
  if (!isApiError(error) || error.code !== 'FLOW_INVALID') return null;
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as FlowProblemDto[]) : [];
}

export function useFlowVersions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: flowKeys.versions(id),
    queryFn: ({ signal }) => api<{ items: FlowVersionDto[] }>(`/api/flows/${id}/versions`, { signal }).then((r) => r.items),
    enabled,
  });
}

/** Copies a published version into the draft on the server; the answer carries the new draft. */
export function restoreVersion(id: number, versionId: number): Promise<FlowDetail> {
  return api<FlowDetail>(`/api/flows/${id}/versions/${versionId}/restore`, { method: 'POST' });
}

export function useFlowAnalytics(id: number, days: 7 | 30 | null) {
  return useQuery({
    queryKey: flowKeys.analytics(id, days ?? 0),
    queryFn: ({ signal }) => {
      const to = new Date();
      const from = new Date(to.getTime() - (days ?? 0) * 86_400_000);
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
      return api<FlowAnalytics>(`/api/flows/${id}/analytics?${query}`, { signal });
    },
    enabled: days !== null,
  });
}

/** Attaches this flow to `attach` and detaches it from `detach` (each connection runs one flow or none). */
export function useAttachFlow(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ attach, detach }: { attach: number[]; detach: number[] }) => {
      for (const connectionId of attach) await api(`/api/connections/${connectionId}`, { method: 'PATCH', body: { flowId: id } });
      for (const connectionId of detach) await api(`/api/connections/${connectionId}`, { method: 'PATCH', body: { flowId: null } });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: flowKeys.all }),
        queryClient.invalidateQueries({ queryKey: connectionKeys.all }),
      ]),
  });
}
