import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateWebhookSubscriptionRequest,
  UpdateWebhookSubscriptionRequest,
  WebhookDelivery,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '@jimmy/contracts';
import { api } from '../../lib/api.js';

const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (id: number) => [...webhookKeys.all, 'deliveries', id] as const,
};

export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.list(),
    queryFn: ({ signal }) => api<{ items: WebhookSubscription[] }>('/api/webhook-subscriptions', { signal }).then((r) => r.items),
  });
}

/** The log refreshes on its own while open: deliveries and retries happen in the background. */
export function useDeliveries(subscriptionId: number) {
  return useQuery({
    queryKey: webhookKeys.deliveries(subscriptionId),
    queryFn: ({ signal }) =>
      api<{ items: WebhookDelivery[] }>(`/api/webhook-subscriptions/${subscriptionId}/deliveries?limit=50`, { signal }).then(
        (r) => r.items,
      ),
    refetchInterval: 3_000,
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useCreateWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateWebhookSubscriptionRequest) =>
      api<WebhookSubscriptionWithSecret>('/api/webhook-subscriptions', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateWebhookSubscriptionRequest & { id: number }) =>
      api<WebhookSubscription>(`/api/webhook-subscriptions/${id}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useDeleteWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/api/webhook-subscriptions/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useRotateSecret() {
  return useMutation({
    mutationFn: (id: number) => api<WebhookSubscriptionWithSecret>(`/api/webhook-subscriptions/${id}/rotate-secret`, { method: 'POST' }),
  });
}

export function useSendTest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => api<{ id: number }>(`/api/webhook-subscriptions/${id}/test`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useRedeliver() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (deliveryId: number) => api<{ id: number }>(`/api/webhook-deliveries/${deliveryId}/redeliver`, { method: 'POST' }),
    onSuccess: refresh,
  });
}
