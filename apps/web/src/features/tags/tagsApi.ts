import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KanbanBoard, Tag, TagRule, Ticket } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { ticketKeys } from '../../lib/queryKeys.js';
import { upsertTicketEverywhere } from '../tickets/ticketsCache.js';

export const tagKeys = {
  all: ['tags'] as const,
  list: () => [...tagKeys.all, 'list'] as const,
  rules: () => [...tagKeys.all, 'rules'] as const,
  board: () => [...tagKeys.all, 'kanban'] as const,
};

export function useTags() {
  return useQuery({
    queryKey: tagKeys.list(),
    queryFn: ({ signal }) => api<{ items: Tag[] }>('/api/tags', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

/** After any change of tags the lists, the board and open tickets are refetched (chips carry names and colours). */
function useRefreshTags() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: tagKeys.all });
    void qc.invalidateQueries({ queryKey: ticketKeys.all });
  };
}

export function useCreateTag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; color: string }) => api<Tag>('/api/tags', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: tagKeys.all }),
  });
}

export function useUpdateTag() {
  const refresh = useRefreshTags();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; name?: string; color?: string }) => api<Tag>(`/api/tags/${id}`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}

export function useDeleteTag() {
  const refresh = useRefreshTags();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/api/tags/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useTicketTag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ticketId, tagId, on }: { ticketId: number; tagId: number; on: boolean }) =>
      on
        ? api<Ticket>(`/api/tickets/${ticketId}/tags`, { method: 'POST', body: { tagId } })
        : api<Ticket>(`/api/tickets/${ticketId}/tags/${tagId}`, { method: 'DELETE' }),
    onSuccess: (ticket) => upsertTicketEverywhere(qc, ticket, null),
  });
}

export function useTagRules(enabled = true) {
  return useQuery({
    queryKey: tagKeys.rules(),
    enabled,
    queryFn: ({ signal }) => api<{ items: TagRule[] }>('/api/tag-rules', { signal }).then((r) => r.items),
  });
}

export type RuleBody = Pick<TagRule, 'tagId' | 'match' | 'pattern' | 'active'>;

export function useSaveRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Partial<RuleBody> }) =>
      id === null
        ? api<TagRule>('/api/tag-rules', { method: 'POST', body })
        : api<TagRule>(`/api/tag-rules/${id}`, { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: tagKeys.rules() }),
  });
}

export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/api/tag-rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: tagKeys.rules() }),
  });
}

export function useSetLanes() {
  const refresh = useRefreshTags();
  return useMutation({
    mutationFn: (lanes: { tagId: number; message?: string | null }[]) =>
      api<{ items: Tag[] }>('/api/kanban/lanes', { method: 'PUT', body: lanes }),
    onSuccess: refresh,
  });
}

export function useKanban() {
  return useQuery({
    queryKey: tagKeys.board(),
    queryFn: ({ signal }) => api<KanbanBoard>('/api/kanban', { signal }),
  });
}

export function useMoveCard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ticketId, tagId }: { ticketId: number; tagId: number | null }) =>
      api<Ticket>('/api/kanban/move', { method: 'POST', body: { ticketId, tagId } }),
    onSuccess: (ticket) => upsertTicketEverywhere(qc, ticket, null),
  });
}
