import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserRequest, UpdateUserRequest, User } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { userKeys } from '../../lib/queryKeys.js';

/** Also invalidated by the realtime gateway's user.created / user.updated events. */
const usersQueryKey = userKeys.list();

export function useUsers() {
  return useQuery({
    queryKey: usersQueryKey,
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api<User>('/api/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UpdateUserRequest }) =>
      api<User>(`/api/users/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (user) => {
      // Show the server's answer at once; the refetch catches anything else that moved.
      queryClient.setQueryData<User[]>(usersQueryKey, (old) => old?.map((u) => (u.id === user.id ? user : u)));
      return queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}

export function useResetUserPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      api<void>(`/api/users/${id}/password`, { method: 'POST', body: { password } }),
  });
}
