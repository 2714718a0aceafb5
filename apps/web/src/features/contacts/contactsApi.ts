import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { Contact, Ticket } from '@jimmy/contracts';
import { api, isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { contactKeys, ticketKeys } from '../../lib/queryKeys.js';
import { contactsPtBR } from './i18n.js';

const PAGE_SIZE = 50;

interface ContactPage {
  items: Contact[];
  nextCursor: string | null;
}

/** What the form sends: '' clears email or phone on the server. */
export interface ContactPatch {
  name?: string;
  email?: string;
  phone?: string;
  customFields?: Record<string, string>;
}

export interface TagFilter {
  ids: number[];
  mode: 'any' | 'all';
}

export function useContactList(q: string, tags: TagFilter = { ids: [], mode: 'any' }) {
  return useInfiniteQuery({
    queryKey: [...contactKeys.list(q), tags.ids.join(','), tags.mode],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (q) params.set('q', q);
      if (tags.ids.length > 0) {
        params.set('tagIds', tags.ids.join(','));
        params.set('tagMode', tags.mode);
      }
      if (pageParam) params.set('cursor', pageParam);
      return api<ContactPage>(`/api/contacts?${params.toString()}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new search loads, instead of flashing an empty table.
    placeholderData: (previous) => previous,
  });
}

export function useContact(id: number | null) {
  return useQuery({
    queryKey: contactKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api<Contact>(`/api/contacts/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useContactHistory(id: number | null) {
  return useQuery({
    queryKey: contactKeys.history(id ?? 0),
    queryFn: ({ signal }) => api<{ items: Ticket[] }>(`/api/contacts/${id}/history`, { signal }).then((r) => r.items),
    enabled: id !== null,
  });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: ContactPatch }) =>
      api<Contact>(`/api/contacts/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      // Patch the row in every cached search so the table agrees with the drawer without a refetch.
      queryClient.setQueriesData<InfiniteData<ContactPage>>({ queryKey: contactKeys.lists() }, (old) =>
        old ? { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map((c) => (c.id === contact.id ? contact : c)) })) } : old,
      );
      // Tickets carry the contact's name and phone: lists, open conversations and histories show the new ones.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.details() });
      void queryClient.invalidateQueries({ queryKey: contactKeys.history(contact.id) });
    },
  });
}

export function useStartConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { connectionId: number; phone: string; name?: string }) => api<Ticket>('/api/tickets', { method: 'POST', body }),
    // A brand-new number creates a contact too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}

type FeatureCode = keyof typeof contactsPtBR.errors;

function isFeatureCode(code: string): code is FeatureCode {
  return code in contactsPtBR.errors;
}

export function contactErrorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error) && isFeatureCode(error.code)) return t(`contacts.errors.${error.code}`);
  return errorMessage(error, t);
}
