import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Queue, UpsertQueueInput, User } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { connectionKeys, queueKeys, userKeys } from '../../lib/queryKeys.js';

const queuesQueryKey = queueKeys.list();

export function useQueueList() {
  return useQuery({
    queryKey: queuesQueryKey,
    queryFn: ({ signal }) => api<{ items: Queue[] }>('/api/queues', { signal }).then((r) => r.items),
  });
}

/** The same cache as the users page, so the member picker and that page never disagree. */
export function useUserOptions() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
  });
}

function useQueueMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Connections show their queues by id and lose a deleted one: refresh both.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queueKeys.all }),
        queryClient.invalidateQueries({ queryKey: connectionKeys.all }),
      ]),
  });
}

export const useSaveQueue = () =>
  useQueueMutation(({ id, body }: { id: number | null; body: UpsertQueueInput }) =>
    id === null ? api<Queue>('/api/queues', { method: 'POST', body }) : api<Queue>(`/api/queues/${id}`, { method: 'PUT', body }),
  );

export const useDeleteQueue = () => useQueueMutation((id: number) => api<void>(`/api/queues/${id}`, { method: 'DELETE' }));

export function useReorderQueues() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api<{ items: Queue[] }>('/api/queues/order', { method: 'PUT', body: { ids } }),
    // Move at once; the server's answer (or a refetch after an error) settles it.
    onMutate: (ids) => {
      const previous = queryClient.getQueryData<Queue[]>(queuesQueryKey);
      if (previous) {
        const byId = new Map(previous.map((q) => [q.id, q]));
        queryClient.setQueryData<Queue[]>(
          queuesQueryKey,
          ids.flatMap((id, position) => {
            const queue = byId.get(id);
            return queue ? [{ ...queue, position }] : [];
          }),
        );
      }
    },
    onSuccess: (result) => queryClient.setQueryData(queuesQueryKey, result.items),
    onError: () => queryClient.invalidateQueries({ queryKey: queuesQueryKey }),
  });
}
