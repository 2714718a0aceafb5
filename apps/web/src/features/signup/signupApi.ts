import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InviteUserRequest, LoginResponse, Queue, SignupPlan, SignupRequest, User } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { queueKeys, userKeys } from '../../lib/queryKeys.js';

type Accepted = { status: 'accepted' };

// Public routes: a 401 here is an answer, never a reason to refresh a session the visitor does not have.
export const signupApi = {
  plans: () => api<{ items: SignupPlan[] }>('/api/signup/plans', { noRefresh: true }).then((r) => r.items),
  signup: (body: SignupRequest) =>
    api<{ status: 'verification_sent'; email: string }>('/api/signup', { method: 'POST', body, noRefresh: true }),
  verify: (token: string) => api<LoginResponse>('/api/signup/verify', { method: 'POST', body: { token }, noRefresh: true }),
  resend: (email: string) => api<Accepted>('/api/signup/resend', { method: 'POST', body: { email }, noRefresh: true }),
  forgot: (email: string) => api<Accepted>('/api/auth/forgot-password', { method: 'POST', body: { email }, noRefresh: true }),
  reset: (token: string, password: string) =>
    api<LoginResponse>('/api/auth/reset-password', { method: 'POST', body: { token, password }, noRefresh: true }),
  accept: (token: string, password: string) =>
    api<LoginResponse>('/api/invitations/accept', { method: 'POST', body: { token, password }, noRefresh: true }),
};

export function useSignupPlans(enabled: boolean) {
  return useQuery({ queryKey: ['signup-plans'], queryFn: signupApi.plans, enabled, staleTime: 5 * 60_000 });
}

/** The same cache as the queues page. */
export function useQueueChoices(enabled: boolean) {
  return useQuery({
    queryKey: queueKeys.list(),
    queryFn: ({ signal }) => api<{ items: Queue[] }>('/api/queues', { signal }).then((r) => r.items),
    enabled,
  });
}

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteUserRequest) => api<User>('/api/users/invitations', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.list() }),
  });
}

export function useResendInvitation() {
  return useMutation({
    mutationFn: (userId: number) => api<Accepted>(`/api/users/${userId}/invitation`, { method: 'POST' }),
  });
}

/**
 * After a verification, reset or invitation link the server has set the session cookies: a full load
 * lets the console start as after any reload, restoring the session from them.
 */
export function enterConsole(): void {
  window.location.replace('/tickets');
}
