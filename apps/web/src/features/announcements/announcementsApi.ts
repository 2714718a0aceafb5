import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Announcement,
  AnnouncementAckList,
  AnnouncementList,
  CreateAnnouncementRequest,
  PendingAnnouncementList,
  Queue,
  User,
} from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { queueKeys, userKeys } from '../../lib/queryKeys.js';

export const announcementKeys = {
  all: ['announcements'] as const,
  pending: ['announcements', 'pending'] as const,
  lists: ['announcements', 'list'] as const,
  list: (archived: boolean) => ['announcements', 'list', archived] as const,
  acks: (id: number) => ['announcements', 'acks', id] as const,
};

/** The signed-in user's unacknowledged announcements: the banner. */
export function usePendingAnnouncements() {
  return useQuery({
    queryKey: announcementKeys.pending,
    queryFn: ({ signal }) => api<PendingAnnouncementList>('/api/announcements/pending', { signal }).then((r) => r.items),
  });
}

export function useAnnouncementList(archived: boolean) {
  return useQuery({
    queryKey: announcementKeys.list(archived),
    queryFn: ({ signal }) =>
      api<AnnouncementList>(`/api/announcements?limit=100${archived ? '&archived=true' : ''}`, { signal }).then((r) => r.items),
  });
}

export function useAnnouncementAcks(id: number | null) {
  return useQuery({
    queryKey: announcementKeys.acks(id ?? 0),
    queryFn: ({ signal }) => api<AnnouncementAckList>(`/api/announcements/${id}/acks`, { signal }).then((r) => r.items),
    enabled: id !== null,
  });
}

/** The same caches as the queues and users pages. */
export function useQueueOptions() {
  return useQuery({
    queryKey: queueKeys.list(),
    queryFn: ({ signal }) => api<{ items: Queue[] }>('/api/queues', { signal }).then((r) => r.items),
  });
}
export function useUserOptions() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
  });
}

export function useCreateAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAnnouncementRequest) => api<Announcement>('/api/announcements', { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: announcementKeys.lists }),
  });
}

export function useAckAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api/announcements/${id}/ack`, { method: 'POST' }),
    // Gone from the banner at once; a failure brings it back with the refetch.
    onMutate: (id) =>
      qc.setQueryData<PendingAnnouncementList['items']>(announcementKeys.pending, (items) => items?.filter((a) => a.id !== id)),
    onSettled: () => qc.invalidateQueries({ queryKey: announcementKeys.pending }),
  });
}

export const markAnnouncementSeen = (id: number) => api<void>(`/api/announcements/${id}/seen`, { method: 'POST' });

export function useArchiveAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Announcement>(`/api/announcements/${id}/archive`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: announcementKeys.lists }),
  });
}
