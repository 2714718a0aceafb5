import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { MentionableUser, Message, NotificationList } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { ticketKeys } from '../../lib/queryKeys.js';

export const notesKeys = {
  mentionable: ['notes', 'mentionable'] as const,
  notifications: ['notifications'] as const,
};

export const addNote = (ticketId: number, body: string) =>
  api<Message>(`/api/tickets/${ticketId}/notes`, { method: 'POST', body: { body } });
export const editNote = (ticketId: number, noteId: number, body: string) =>
  api<Message>(`/api/tickets/${ticketId}/notes/${noteId}`, { method: 'PATCH', body: { body } });
export const deleteNote = (ticketId: number, noteId: number) => api<void>(`/api/tickets/${ticketId}/notes/${noteId}`, { method: 'DELETE' });
export const markNotificationRead = (id: number) => api<unknown>(`/api/notifications/${id}/read`, { method: 'POST' });
export const markAllNotificationsRead = () => api<unknown>('/api/notifications/read-all', { method: 'POST' });

/** Everyone the note composer may mention; fetched when note mode first opens. */
export function useMentionable(enabled: boolean) {
  return useQuery({
    queryKey: notesKeys.mentionable,
    queryFn: () => api<{ items: MentionableUser[] }>('/api/mentions/users').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notesKeys.notifications,
    queryFn: ({ pageParam }) => api<NotificationList>(`/api/notifications?limit=20${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

type MessagesData = InfiniteData<{ items: Message[]; nextCursor: number | null }>;

/** A deleted note leaves every cached page of its conversation. */
export function removeMessage(qc: QueryClient, ticketId: number, messageId: number) {
  qc.setQueryData<MessagesData>(ticketKeys.messages(ticketId), (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((m) => m.id !== messageId) })) } : data,
  );
}
