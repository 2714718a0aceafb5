import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Connection,
  CreateLeadHookRequest,
  CustomField,
  FlowSummary,
  LeadHook,
  LeadHookRequestLog,
  LeadHookWithSecret,
  Queue,
  Tag,
  UpdateLeadHookRequest,
} from '@jimmy/contracts';
import { api } from '../../lib/api.js';

const leadHookKeys = {
  all: ['lead-hooks'] as const,
  list: () => [...leadHookKeys.all, 'list'] as const,
  requests: (id: number) => [...leadHookKeys.all, 'requests', id] as const,
};

export function useLeadHooks() {
  return useQuery({
    queryKey: leadHookKeys.list(),
    queryFn: ({ signal }) => api<{ items: LeadHook[] }>('/api/lead-hooks', { signal }).then((r) => r.items),
  });
}

export function useLeadHookRequests(id: number) {
  return useQuery({
    queryKey: leadHookKeys.requests(id),
    queryFn: ({ signal }) =>
      api<{ items: LeadHookRequestLog[] }>(`/api/lead-hooks/${id}/requests?limit=50`, { signal }).then((r) => r.items),
    // A form being tested posts from elsewhere: the log refreshes by itself while it is on screen.
    refetchInterval: 5000,
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: leadHookKeys.all });
}

export function useCreateLeadHook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateLeadHookRequest) => api<LeadHookWithSecret>('/api/lead-hooks', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateLeadHook(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: UpdateLeadHookRequest) => api<LeadHook>(`/api/lead-hooks/${id}`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}

export function useDeleteLeadHook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/api/lead-hooks/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useRotateLeadHook(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (requireSecret: boolean) =>
      api<LeadHookWithSecret>(`/api/lead-hooks/${id}/rotate`, { method: 'POST', body: { requireSecret } }),
    onSuccess: refresh,
  });
}

export function useReplayLeadRequest(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (requestId: number) => api<LeadHookRequestLog>(`/api/lead-hooks/${id}/requests/${requestId}/replay`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

function useChoice<T>(key: string, url: string) {
  return useQuery({
    queryKey: ['lead-hooks', 'choices', key],
    queryFn: ({ signal }) => api<{ items: T[] }>(url, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

/** What the mapping and the actions can point at: read-only lists other screens own. */
export function useActionChoices() {
  return {
    connections: useChoice<Connection>('connections', '/api/connections'),
    queues: useChoice<Queue>('queues', '/api/queues'),
    flows: useChoice<FlowSummary>('flows', '/api/flows'),
    tags: useChoice<Tag>('tags', '/api/tags'),
    customFields: useChoice<CustomField>('custom-fields', '/api/custom-fields'),
  };
}
