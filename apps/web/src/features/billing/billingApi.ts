import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BillingSummary,
  CheckoutRequest,
  CheckoutResponse,
  Invoice,
  InvoiceStatus,
  PlatformInvoice,
  PlatformInvoiceList,
} from '@jimmy/contracts';
import { api } from '../../lib/api.js';

export const billingKeys = {
  summary: ['billing'] as const,
  invoice: (id: number) => ['billing', 'invoice', id] as const,
  platform: (status: InvoiceStatus | null) => ['platform-invoices', status ?? 'all'] as const,
  platformAll: ['platform-invoices'] as const,
};

export function useBillingSummary() {
  return useQuery({
    queryKey: billingKeys.summary,
    queryFn: ({ signal }) => api<BillingSummary>('/api/billing', { signal }),
  });
}

/** While a payment is on its way: the invoice every few seconds until it is paid (Pix confirms in moments). */
export function useInvoiceWatch(id: number | null) {
  return useQuery({
    queryKey: billingKeys.invoice(id ?? 0),
    queryFn: ({ signal }) => api<Invoice>(`/api/billing/invoices/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'open' ? 5_000 : false),
  });
}

export function useCheckout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CheckoutRequest) => api<CheckoutResponse>('/api/billing/checkout', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: billingKeys.summary }),
  });
}

export function usePlatformInvoices(status: InvoiceStatus | null) {
  return useQuery({
    queryKey: billingKeys.platform(status),
    queryFn: ({ signal }) =>
      api<PlatformInvoiceList>(`/api/platform/invoices${status ? `?status=${status}` : ''}`, { signal }).then((r) => r.items),
  });
}

export function useMarkPaid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<PlatformInvoice>(`/api/platform/invoices/${id}/mark-paid`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: billingKeys.platformAll }),
  });
}

export function formatBRL(cents: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'BRL' }).format(cents / 100);
}

/** Dates of a period are UTC calendar days: shown as such, whatever the browser's zone. */
export function formatDay(isoOrDate: string, language: string): string {
  const date = new Date(isoOrDate.length === 10 ? `${isoOrDate}T00:00:00Z` : isoOrDate);
  if (Number.isNaN(date.getTime())) return isoOrDate;
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeZone: 'UTC' }).format(date);
}
