import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanyStatus, LoginResponse, Plan, PlanInput, PlatformAuditEntry, PlatformCompany, PlatformFigures } from '@jimmy/contracts';
import { api, holdSessionRefresh } from '../../lib/api.js';
import { getAccessToken, setAccessToken } from '../../lib/session.js';

const platformKeys = {
  all: ['platform'] as const,
  figures: ['platform', 'figures'] as const,
  companies: (q: string, status: CompanyStatus | null) => ['platform', 'companies', q, status] as const,
  plans: ['platform', 'plans'] as const,
  audit: ['platform', 'audit'] as const,
  access: ['platform-access'] as const,
};

export function usePlatformFigures() {
  return useQuery({ queryKey: platformKeys.figures, queryFn: ({ signal }) => api<PlatformFigures>('/api/platform/figures', { signal }) });
}

export function usePlatformCompanies(q: string, status: CompanyStatus | null) {
  return useInfiniteQuery({
    queryKey: platformKeys.companies(q, status),
    initialPageParam: null as number | null,
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (status) params.set('status', status);
      if (pageParam) params.set('cursor', String(pageParam));
      return api<{ items: PlatformCompany[]; nextCursor: number | null }>(`/api/platform/companies?${params.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePlatformPlans() {
  return useQuery({
    queryKey: platformKeys.plans,
    queryFn: ({ signal }) => api<{ items: Plan[] }>('/api/platform/plans', { signal }).then((r) => r.items),
  });
}

export function usePlatformAudit() {
  return useQuery({
    queryKey: platformKeys.audit,
    queryFn: ({ signal }) => api<{ items: PlatformAuditEntry[] }>('/api/platform/audit', { signal }).then((r) => r.items),
  });
}

/** A company admin's view: what the platform did in their company. */
export function usePlatformAccess(enabled: boolean) {
  return useQuery({
    queryKey: platformKeys.access,
    enabled,
    queryFn: ({ signal }) => api<{ items: PlatformAuditEntry[] }>('/api/platform-access', { signal }).then((r) => r.items),
  });
}

export type CompanyAction =
  | { kind: 'plan'; planId: number }
  | { kind: 'extend-trial'; days: number }
  | { kind: 'suspend'; reason: string }
  | { kind: 'reactivate' }
  | { kind: 'delete'; confirmName: string };

export function useCompanyAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: CompanyAction }) => {
      const base = `/api/platform/companies/${id}`;
      switch (action.kind) {
        case 'plan':
          return api(`${base}/plan`, { method: 'POST', body: { planId: action.planId } });
        case 'extend-trial':
          return api(`${base}/extend-trial`, { method: 'POST', body: { days: action.days } });
        case 'suspend':
          return api(`${base}/suspend`, { method: 'POST', body: { reason: action.reason } });
        case 'reactivate':
          return api(`${base}/reactivate`, { method: 'POST' });
        case 'delete':
          return api(base, { method: 'DELETE', body: { confirmName: action.confirmName } });
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: platformKeys.all }),
  });
}

/** Downloads the company's export as a file; the server records it (and allows deletion for 24 h). */
export async function downloadCompanyExport(id: number): Promise<void> {
  // A cheap authenticated call first, so an expired access token is refreshed before the raw fetch.
  await api('/api/me');
  const token = getAccessToken();
  const response = await fetch(`/api/platform/companies/${id}/export`, {
    credentials: 'same-origin',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`export failed: ${response.status}`);
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `empresa-${id}.json`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Support sign-in and its end replace the whole session: the page reloads into the other one. No
 * refresh may run meanwhile (holdSessionRefresh); a stale access token makes the swap fail with an
 * error the operator can retry, rather than wait on a refresh that is held.
 */
export async function startImpersonation(id: number): Promise<void> {
  const release = await holdSessionRefresh();
  const session = await api<LoginResponse>(`/api/platform/companies/${id}/impersonate`, { method: 'POST', noRefresh: true }).catch(
    (error: unknown) => {
      release();
      throw error;
    },
  );
  setAccessToken(session.accessToken);
  window.location.assign('/tickets');
}

export async function endImpersonation(): Promise<void> {
  const release = await holdSessionRefresh();
  const session = await api<LoginResponse>('/api/platform/impersonation/end', { method: 'POST', noRefresh: true }).catch(
    (error: unknown) => {
      release();
      throw error;
    },
  );
  setAccessToken(session.accessToken);
  window.location.assign('/platform');
}

export function usePlanMutations() {
  const client = useQueryClient();
  const onSettled = () => client.invalidateQueries({ queryKey: platformKeys.all });
  return {
    save: useMutation({
      mutationFn: ({ id, input }: { id: number | null; input: PlanInput }) =>
        id === null
          ? api<Plan>('/api/platform/plans', { method: 'POST', body: input })
          : api<Plan>(`/api/platform/plans/${id}`, { method: 'PUT', body: input }),
      onSettled,
    }),
    remove: useMutation({
      mutationFn: (id: number) => api<{ outcome: 'deleted' | 'archived' }>(`/api/platform/plans/${id}`, { method: 'DELETE' }),
      onSettled,
    }),
  };
}
