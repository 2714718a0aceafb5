import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Connection, ConnectionQrEvent, CreateConnectionRequest, Queue, UpdateConnectionRequest } from '@jimmy/contracts';
import { api, ApiError, isApiError } from '../../lib/api.js';
import { connectionKeys, queueKeys } from '../../lib/queryKeys.js';
import { useRealtimeSocket } from '../realtime/index.js';

const connectionsQueryKey = connectionKeys.list();

/**
 * The server gives Meta 15 s and then answers with lastError; this only catches the case where the
 * server itself never answers (proxy, crash), so the admin gets a message instead of an endless spinner.
 */
const TEST_TIMEOUT_MS = 20_000;

export function useConnections() {
  return useQuery({
    queryKey: connectionsQueryKey,
    queryFn: ({ signal }) => api<{ items: Connection[] }>('/api/connections', { signal }).then((r) => r.items),
    // Agents may be refused the list (403); asking again will not change that.
    retry: (count, error) => !(isApiError(error) && error.status === 403) && count < 1,
  });
}

export function useQueues() {
  return useQuery({
    queryKey: queueKeys.list(),
    queryFn: ({ signal }) => api<{ items: Queue[] }>('/api/queues', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function upsert(queryClient: QueryClient, connection: Connection) {
  queryClient.setQueryData<Connection[]>(connectionsQueryKey, (old) => {
    if (!old) return old;
    return old.some((c) => c.id === connection.id) ? old.map((c) => (c.id === connection.id ? connection : c)) : [...old, connection];
  });
}

type Pairing = Pick<Connection, 'qr' | 'qrExpiresAt' | 'pairingCode'>;

/**
 * For updates that may lag behind or lack the pairing data: connection.updated never carries the QR
 * (admins get it through connection.qr), and a 202 to a pairing-code request may arrive after the
 * code itself. While the connection still waits to be paired we keep what we have; once it left the
 * 'qr' status, the old QR is worthless and is dropped.
 */
export function mergeConnection(queryClient: QueryClient, next: Connection) {
  const previous = queryClient.getQueryData<Connection[]>(connectionsQueryKey)?.find((c) => c.id === next.id);
  if (next.type !== 'whatsapp_web') return upsert(queryClient, next);
  const pairing: Pairing =
    next.status === 'qr'
      ? {
          qr: next.qr ?? previous?.qr ?? null,
          qrExpiresAt: next.qrExpiresAt ?? previous?.qrExpiresAt ?? null,
          pairingCode: next.pairingCode ?? previous?.pairingCode ?? null,
        }
      : { qr: null, qrExpiresAt: null, pairingCode: null };
  upsert(queryClient, { ...next, ...pairing });
}

/** The one authoritative source of the QR besides a fresh GET: a connection.qr event (nulls once paired). */
export function patchPairing(queryClient: QueryClient, id: number, pairing: Partial<Pairing>) {
  queryClient.setQueryData<Connection[]>(connectionsQueryKey, (old) => old?.map((c) => (c.id === id ? { ...c, ...pairing } : c)));
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
      // Renaming a connection while its QR is on screen must not blank the code.
      mergeConnection(queryClient, connection);
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
        if (err instanceof ApiError && err.code === 'NETWORK_ERROR' && /time|abort/i.test(err.message))
          throw new TestTimeoutError(err.message);
        if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError'))
          throw new TestTimeoutError(err.message);
        throw err;
      }
    },
    onSuccess: (connection) => upsert(queryClient, connection),
  });
}

/**
 * Status changes (a token revoked at Meta, a test run by another admin, a phone that scanned the QR)
 * and rotating QR codes show up without a reload. connection.qr only ever reaches admins.
 */
export function useLiveConnectionUpdates() {
  const queryClient = useQueryClient();
  const socket = useRealtimeSocket();
  useEffect(() => {
    if (!socket) return;
    const onUpdated = ({ connection: updated }: { connection: Connection }) => mergeConnection(queryClient, updated);
    const onQr = ({ connectionId, qr, qrExpiresAt, pairingCode }: ConnectionQrEvent) =>
      patchPairing(queryClient, connectionId, { qr, qrExpiresAt, pairingCode });
    // Events sent while the socket was down are lost; a refetch catches up (a QR rotates every few seconds).
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: connectionsQueryKey });
    socket.on('connection.updated', onUpdated);
    socket.on('connection.qr', onQr);
    socket.on('connect', onConnect);
    return () => {
      socket.off('connection.updated', onUpdated);
      socket.off('connection.qr', onQr);
      socket.off('connect', onConnect);
    };
  }, [queryClient, socket]);
}
