import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { Message, Ticket, User, UserAvailability } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { ticketKeys, userKeys, type TicketListParams } from '../../lib/queryKeys.js';
import { removeTicketEverywhere, upsertTicketEverywhere } from './ticketsCache.js';

export type { TicketFilters, TicketTab } from '../../lib/queryKeys.js';

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

function listSearchParams(p: TicketListParams): URLSearchParams {
  const sp = new URLSearchParams();
  // No status means every status: "all" is the whole history, not only what is being served.
  if (p.tab === 'open') {
    sp.set('status', 'open');
    sp.set('scope', 'mine');
  } else if (p.tab !== 'all') sp.set('status', p.tab);
  if (p.q.trim()) sp.set('q', p.q.trim());
  if (p.queueId) sp.set('queueId', String(p.queueId));
  if (p.connectionId) sp.set('connectionId', String(p.connectionId));
  if (p.userId) sp.set('userId', String(p.userId));
  if (p.tagIds.length > 0) {
    sp.set('tagIds', p.tagIds.join(','));
    sp.set('tagMode', p.tagMode);
  }
  sp.set('limit', '30');
  return sp;
}

export function useTicketList(p: TicketListParams, enabled = true) {
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

/** Agents get 403 here; callers treat an error as "no user list" rather than a failure to show. */
export function useAgents(enabled: boolean) {
  return useQuery({
    queryKey: userKeys.list(),
    enabled,
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Who is online and how loaded, by user id; refreshed each time the transfer dialog opens. */
export function useAvailability(enabled: boolean) {
  return useQuery({
    queryKey: userKeys.availability(),
    enabled,
    queryFn: ({ signal }) =>
      api<{ items: UserAvailability[] }>('/api/users/availability', { signal }).then((r) => new Map(r.items.map((a) => [a.userId, a]))),
    staleTime: 0,
    retry: false,
  });
}

type TicketAction = 'accept' | 'close' | 'reopen';

/** The server's answer goes straight into every cached list, so the row moves before the socket event. */
export function useTicketAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: TicketAction; body?: { sendSurvey?: boolean } }) =>
      api<Ticket>(`/api/tickets/${id}/${action}`, { method: 'POST', ...(body && { body }) }),
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

interface TemplateComponent {
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
