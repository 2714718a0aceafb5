import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Connection, CreateConnectionRequest, Queue, UpdateConnectionRequest } from '@jimmy/contracts';
import { api, ApiError } from '../../lib/api.js';
import { useRealtimeSocket } from '../realtime/index.js';

/** Shared with the contacts feature, which lists Cloud connections to start a conversation from. */
export const connectionsQueryKey = ['connections'] as const;
const queuesQueryKey = ['queues'] as const;

/**
 * The server gives Meta 15 s and then answers with lastError; this only catches the case where the
 * server itself never answers (proxy, crash), so the admin gets a message instead of an endless spinner.
 */
const TEST_TIMEOUT_MS = 20_000;

export function useConnections() {
  return useQuery({
    queryKey: connectionsQueryKey,
    queryFn: ({ signal }) => api<{ items: Connection[] }>('/api/connections', { signal }).then((r) => r.items),
  });
}

export function useQueues() {
  return useQuery({
    queryKey: queuesQueryKey,
    queryFn: ({ signal }) => api<{ items: Queue[] }>('/api/queues', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

function upsert(queryClient: QueryClient, connection: Connection) {
  queryClient.setQueryData<Connection[]>(connectionsQueryKey, (old) => {
    if (!old) return old;
    return old.some((c) => c.id === connection.id) ? old.map((c) => (c.id === connection.id ? connection : c)) : [...old, connection];
  });
}

export function useCreateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConnectionRequest) => api<Connection>('/api/connections', { method: 'POST', body }),
    onSuccess: (connection) => {
      upsert(queryClient, connection);
      return queryClient.invalidateQueries({ queryKey: connectionsQueryKey });
    },
  });
}

export function useUpdateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UpdateConnectionRequest }) =>
      api<Connection>(`/api/connections/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (connection) => {
      upsert(queryClient, connection);
      return queryClient.invalidateQueries({ queryKey: connectionsQueryKey });
    },
  });
}

export function useDeleteConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api/connections/${id}`, { method: 'DELETE' }),
    onSuccess: (_void, id) => {
      queryClient.setQueryData<Connection[]>(connectionsQueryKey, (old) => old?.filter((c) => c.id !== id));
      return queryClient.invalidateQueries({ queryKey: connectionsQueryKey });
    },
  });
}

export class TestTimeoutError extends Error {}

export function useTestConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      try {
        return await api<Connection>(`/api/connections/${id}/test`, { method: 'POST', signal: AbortSignal.timeout(TEST_TIMEOUT_MS) });
      } catch (err) {
        // api() turns a timeout abort into NETWORK_ERROR; tell the admin it was slowness, not a dead server.
        if (err instanceof ApiError && err.code === 'NETWORK_ERROR' && /time|abort/i.test(err.message)) throw new TestTimeoutError(err.message);
        if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) throw new TestTimeoutError(err.message);
        throw err;
      }
    },
    onSuccess: (connection) => upsert(queryClient, connection),
  });
}

/** Status changes (a token revoked at Meta, a test run by another admin) show up without a reload. */
export function useLiveConnectionUpdates() {
  const queryClient = useQueryClient();
  const socket = useRealtimeSocket();
  useEffect(() => {
    if (!socket) return;
    const onUpdated = ({ connection: updated }: { connection: Connection }) => upsert(queryClient, updated);
    socket.on('connection.updated', onUpdated);
    return () => {
      socket.off('connection.updated', onUpdated);
    };
  }, [queryClient, socket]);
}
