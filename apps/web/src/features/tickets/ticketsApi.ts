import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { Connection, Contact, Message, Queue, Ticket, User } from '@jimmy/contracts';
import { api, isApiError } from '../../lib/api.js';
import { removeTicketEverywhere, upsertTicketEverywhere } from './ticketsCache.js';

export type TicketTab = 'open' | 'pending' | 'closed' | 'all';

export interface TicketFilters {
  q: string;
  queueId: number | null;
  connectionId: number | null;
  userId: number | null;
}

export interface TicketListKeyParams extends TicketFilters {
  tab: TicketTab;
}

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
}

export interface MessagePage {
  items: Message[];
  nextCursor: number | null;
}

export type TicketListData = InfiniteData<TicketPage, string | null>;
export type MessagesData = InfiniteData<MessagePage, number | null>;

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (p: TicketListKeyParams) => ['tickets', 'list', p] as const,
  detail: (id: number) => ['tickets', 'detail', id] as const,
  messages: (id: number) => ['tickets', 'messages', id] as const,
  contact: (id: number) => ['tickets', 'contact', id] as const,
  history: (contactId: number) => ['tickets', 'history', contactId] as const,
  queues: ['tickets', 'queues'] as const,
  users: ['tickets', 'users'] as const,
  connections: ['tickets', 'connections'] as const,
  templates: (connectionId: number) => ['tickets', 'templates', connectionId] as const,
};

export function listSearchParams(p: TicketListKeyParams): URLSearchParams {
  const sp = new URLSearchParams();
  if (p.tab === 'open') {
    sp.set('status', 'open');
    sp.set('scope', 'mine');
  } else if (p.tab === 'all') {
    sp.set('status', 'open');
    sp.set('scope', 'all');
  } else sp.set('status', p.tab);
  if (p.q.trim()) sp.set('q', p.q.trim());
  if (p.queueId) sp.set('queueId', String(p.queueId));
  if (p.connectionId) sp.set('connectionId', String(p.connectionId));
  if (p.userId) sp.set('userId', String(p.userId));
  sp.set('limit', '30');
  return sp;
}

export function useTicketList(p: TicketListKeyParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(p),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const sp = listSearchParams(p);
      if (pageParam) sp.set('cursor', pageParam);
      return api<TicketPage>(`/api/tickets?${sp.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    // Realtime events keep the lists current; a refetch happens on socket reconnect.
    staleTime: Infinity,
  });
}

export function useTicket(id: number | null) {
  return useQuery({
    queryKey: ticketKeys.detail(id ?? 0),
    enabled: id !== null,
    queryFn: ({ signal }) => api<Ticket>(`/api/tickets/${id}`, { signal }),
    staleTime: Infinity,
  });
}

export function useMessages(ticketId: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: ticketKeys.messages(ticketId),
    enabled,
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => {
      const sp = new URLSearchParams({ limit: '50' });
      if (pageParam) sp.set('before', String(pageParam));
      return api<MessagePage>(`/api/tickets/${ticketId}/messages?${sp.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Infinity,
    // A 20k-message conversation must not keep every page it ever scrolled through in memory.
    gcTime: 5 * 60_000,
  });
}

export function useQueues() {
  return useQuery({
    queryKey: ticketKeys.queues,
    queryFn: ({ signal }) => api<{ items: Queue[] }>('/api/queues', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** Agents get 403 here; callers treat an error as "no user list" rather than a failure to show. */
export function useAgents(enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.users,
    enabled,
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useConnections() {
  return useQuery({
    queryKey: ticketKeys.connections,
    queryFn: ({ signal }) => api<{ items: Connection[] }>('/api/connections', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status === 403) && count < 1,
  });
}

export function useContact(id: number | null) {
  return useQuery({
    queryKey: ticketKeys.contact(id ?? 0),
    enabled: id !== null,
    queryFn: ({ signal }) => api<Contact>(`/api/contacts/${id}`, { signal }),
  });
}

export function useContactHistory(id: number | null) {
  return useQuery({
    queryKey: ticketKeys.history(id ?? 0),
    enabled: id !== null,
    queryFn: ({ signal }) => api<{ items: Ticket[] }>(`/api/contacts/${id}/history`, { signal }).then((r) => r.items),
  });
}

export interface ContactPatch {
  name?: string;
  email?: string;
  phone?: string;
  customFields?: Record<string, string>;
}

export function useUpdateContact(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch) => api<Contact>(`/api/contacts/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (contact) => qc.setQueryData(ticketKeys.contact(id), contact),
  });
}

type TicketAction = 'accept' | 'close' | 'reopen';

/** The server's answer goes straight into every cached list, so the row moves before the socket event. */
export function useTicketAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: TicketAction }) => api<Ticket>(`/api/tickets/${id}/${action}`, { method: 'POST' }),
    onSuccess: (ticket, { id }) => {
      if (ticket && typeof ticket === 'object' && 'id' in ticket) upsertTicketEverywhere(qc, ticket, null);
      else void qc.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    },
  });
}

export interface TransferBody {
  queueId?: number | null;
  userId?: number | null;
  note?: string;
}

export function useTransferTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TransferBody }) =>
      api<Ticket | undefined>(`/api/tickets/${id}/transfer`, { method: 'POST', body }),
    onSuccess: (ticket, { id }) => {
      if (ticket && typeof ticket === 'object' && 'id' in ticket) upsertTicketEverywhere(qc, ticket, null);
      else removeTicketEverywhere(qc, id);
      void qc.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

export function useStartConversation() {
  return useMutation({
    mutationFn: (body: { connectionId: number; phone: string; name?: string }) => api<Ticket>('/api/tickets', { method: 'POST', body }),
  });
}

export function markRead(ticketId: number) {
  return api<unknown>(`/api/tickets/${ticketId}/read`, { method: 'POST' });
}

export function sendText(ticketId: number, body: string, quotedMessageId?: number) {
  return api<Message>(`/api/tickets/${ticketId}/messages`, {
    method: 'POST',
    body: quotedMessageId ? { body, quotedMessageId } : { body },
  });
}

export function react(messageId: number, emoji: string) {
  return api<unknown>(`/api/messages/${messageId}/reaction`, { method: 'POST', body: { emoji } });
}

export function retryMessage(messageId: number) {
  return api<Message | undefined>(`/api/messages/${messageId}/retry`, { method: 'POST' });
}

export interface TemplateComponent {
  type: string;
  text?: string;
  format?: string;
  [key: string]: unknown;
}

export interface WhatsAppTemplate {
  name: string;
  language: string;
  status: string;
  category: string;
  components: TemplateComponent[];
}

export function useTemplates(connectionId: number, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.templates(connectionId),
    enabled,
    queryFn: ({ signal }) =>
      api<{ items: WhatsAppTemplate[] }>(`/api/connections/${connectionId}/templates`, { signal }).then((r) => r.items),
    retry: false,
  });
}

export function sendTemplate(ticketId: number, body: { name: string; language: string; components?: unknown[]; preview?: string }) {
  return api<Message>(`/api/tickets/${ticketId}/template`, { method: 'POST', body });
}
