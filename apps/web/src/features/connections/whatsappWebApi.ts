import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Connection, PairingCodeRequest } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { mergeConnection, patchPairing, upsert } from './connectionsApi.js';

/** Session actions of a WhatsApp (QR code) connection; the status then moves on through socket events. */

export function useReconnectConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Connection>(`/api/connections/${id}/reconnect`, { method: 'POST' }),
    onSuccess: (connection) => mergeConnection(queryClient, connection),
  });
}

export function useLogoutConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Connection>(`/api/connections/${id}/logout`, { method: 'POST' }),
    // Logged out is final for this session: whatever QR or code we held is void.
    onSuccess: (connection) => upsert(queryClient, { ...connection, qr: null, qrExpiresAt: null, pairingCode: null }),
  });
}

export function useRequestPairingCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: PairingCodeRequest }) =>
      api<Connection>(`/api/connections/${id}/pairing-code`, { method: 'POST', body }),
    // Forget an earlier code first, so the screen waits for the new one instead of showing the old.
    onMutate: ({ id }) => patchPairing(queryClient, id, { pairingCode: null }),
    onSuccess: (connection) => mergeConnection(queryClient, connection),
  });
}
