import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { ChatConversation, ChatMessage, ChatSearchResult, ChatUser, PresenceStatus } from '@jimmy/contracts';
import { api, ApiError, refreshSession } from '../../lib/api.js';
import { emitSessionExpired } from '../../lib/session.js';

export const chatKeys = {
  all: ['team-chat'] as const,
  conversations: ['team-chat', 'conversations'] as const,
  messages: (id: number) => ['team-chat', 'messages', id] as const,
  users: ['team-chat', 'users'] as const,
  presence: ['team-chat', 'presence'] as const,
  search: (q: string) => ['team-chat', 'search', q] as const,
};

export interface ChatPage {
  items: ChatMessage[];
  nextCursor: number | null;
}
export type ChatPages = InfiniteData<ChatPage, unknown>;

export const createDirect = (userId: number) =>
  api<ChatConversation>('/api/chat/conversations', { method: 'POST', body: { kind: 'direct', userId } });
export const createGroup = (name: string, memberIds: number[]) =>
  api<ChatConversation>('/api/chat/conversations', { method: 'POST', body: { kind: 'group', name, memberIds } });
export const updateGroup = (id: number, patch: { name?: string; memberIds?: number[] }) =>
  api<ChatConversation>(`/api/chat/conversations/${id}`, { method: 'PATCH', body: patch });
export const markChatRead = (id: number, messageId: number) =>
  api<void>(`/api/chat/conversations/${id}/read`, { method: 'POST', body: { messageId } });

/** JSON for text; multipart when a file goes with it (the caption as `body`). */
export async function postChatMessage(id: number, body: string, file: File | null): Promise<ChatMessage> {
  if (!file) return api<ChatMessage>(`/api/chat/conversations/${id}/messages`, { method: 'POST', body: { body } });
  const form = () => {
    const data = new FormData();
    data.append('body', body);
    data.append('file', file, file.name);
    return data;
  };
  const go = () =>
    fetch(`/api/chat/conversations/${id}/messages`, {
      method: 'POST',
      body: form(),
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  let response = await go().catch(() => {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'network error' });
  });
  if (response.status === 401) {
    if (!(await refreshSession())) emitSessionExpired();
    else response = await go();
  }
  const json = (await response.json().catch(() => null)) as
    (ChatMessage & { error?: undefined }) | { error?: { code: string; message: string; fields?: Record<string, string> } } | null;
  if (response.ok) return json as ChatMessage;
  const error = json?.error;
  throw new ApiError({
    code: error?.code ?? 'UNKNOWN',
    status: response.status,
    message: error?.message ?? response.statusText,
    ...(error?.fields && { fields: error.fields }),
  });
}

export function useChatConversations() {
  return useQuery({
    queryKey: chatKeys.conversations,
    queryFn: () => api<{ items: ChatConversation[] }>('/api/chat/conversations').then((r) => r.items),
  });
}

export function useChatUsers(enabled = true) {
  return useQuery({
    queryKey: chatKeys.users,
    queryFn: () => api<{ items: ChatUser[] }>('/api/chat/users').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export function useChatPresence() {
  return useQuery({
    queryKey: chatKeys.presence,
    queryFn: () =>
      api<{ items: { userId: number; status: PresenceStatus }[] }>('/api/chat/presence').then(
        (r) => Object.fromEntries(r.items.map((i) => [i.userId, i.status])) as Record<number, PresenceStatus>,
      ),
    staleTime: 60_000,
  });
}

export function useChatMessages(id: number) {
  return useInfiniteQuery({
    queryKey: chatKeys.messages(id),
    queryFn: ({ pageParam }) => api<ChatPage>(`/api/chat/conversations/${id}/messages?limit=50${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useChatSearch(q: string) {
  return useQuery({
    queryKey: chatKeys.search(q),
    queryFn: () => api<ChatSearchResult>(`/api/chat/search?q=${encodeURIComponent(q)}`).then((r) => r.items),
    enabled: q.trim().length >= 2,
  });
}

/** Oldest first, from pages stored newest first. */
export function chronological(data: ChatPages | undefined): ChatMessage[] {
  if (!data) return [];
  return data.pages.flatMap((p) => p.items).reverse();
}

/** A message (live or just sent) joins its conversation's cache once, and moves the list. */
export function addMessage(qc: QueryClient, message: ChatMessage, mine: boolean) {
  qc.setQueryData<ChatPages>(chatKeys.messages(message.conversationId), (data) => {
    if (!data || data.pages.some((p) => p.items.some((m) => m.id === message.id))) return data;
    const [first, ...rest] = data.pages;
    return { ...data, pages: [{ ...first!, items: [message, ...first!.items] }, ...rest] };
  });
  let known = false;
  qc.setQueryData<ChatConversation[]>(chatKeys.conversations, (list) => {
    if (!list) return list;
    const current = list.find((c) => c.id === message.conversationId);
    if (!current) return list;
    known = true;
    if (current.lastMessage && current.lastMessage.id >= message.id) return list;
    const updated = { ...current, lastMessage: message, unreadCount: mine ? 0 : current.unreadCount + 1 };
    return [updated, ...list.filter((c) => c.id !== message.conversationId)];
  });
  if (!known) void qc.invalidateQueries({ queryKey: chatKeys.conversations });
}

export function upsertConversation(qc: QueryClient, conversation: ChatConversation) {
  qc.setQueryData<ChatConversation[]>(chatKeys.conversations, (list) => {
    if (!list) return list;
    const exists = list.some((c) => c.id === conversation.id);
    return exists ? list.map((c) => (c.id === conversation.id ? conversation : c)) : [conversation, ...list];
  });
}
