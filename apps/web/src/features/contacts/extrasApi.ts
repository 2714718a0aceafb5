import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditEntry, Contact, CustomField, TimelineItem } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { contactKeys, ticketKeys } from '../../lib/queryKeys.js';

/** Query keys of what this file adds; under contactKeys.all so a contact change refreshes them too. */
const extraKeys = {
  customFields: ['custom-fields'] as const,
  timeline: (id: number) => [...contactKeys.all, 'timeline', id] as const,
  mergePreview: (id: number, otherId: number) => [...contactKeys.all, 'merge-preview', id, otherId] as const,
  audit: ['audit-log'] as const,
};

export function useCustomFields() {
  return useQuery({
    queryKey: extraKeys.customFields,
    queryFn: ({ signal }) => api<{ items: CustomField[] }>('/api/custom-fields', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export type CustomFieldInput = Pick<CustomField, 'key' | 'label' | 'type' | 'options'>;

export function useSaveCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: CustomFieldInput }) =>
      api<CustomField>(id === null ? '/api/custom-fields' : `/api/custom-fields/${id}`, {
        method: id === null ? 'POST' : 'PUT',
        body: input,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: extraKeys.customFields });
      // A renamed key moved the stored values.
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });
}

export function useDeleteCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/api/custom-fields/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: extraKeys.customFields }),
  });
}

/** Every mutation on a contact answers with the contact: one place refreshes what shows it. */
function useContactMutation<V>(request: (vars: V) => Promise<Contact>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: extraKeys.timeline(contact.id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

export const useAddContactTag = () =>
  useContactMutation(({ id, tagId }: { id: number; tagId: number }) =>
    api<Contact>(`/api/contacts/${id}/tags`, { method: 'POST', body: { tagId } }),
  );
export const useRemoveContactTag = () =>
  useContactMutation(({ id, tagId }: { id: number; tagId: number }) =>
    api<Contact>(`/api/contacts/${id}/tags/${tagId}`, { method: 'DELETE' }),
  );
export const useBlockContact = () =>
  useContactMutation(({ id, block }: { id: number; block: boolean }) =>
    api<Contact>(`/api/contacts/${id}/${block ? 'block' : 'unblock'}`, { method: 'POST', body: {} }),
  );
export const useMergeContact = () =>
  useContactMutation(({ id, otherContactId }: { id: number; otherContactId: number }) =>
    api<Contact>(`/api/contacts/${id}/merge`, { method: 'POST', body: { otherContactId } }),
  );
export const useAnonymizeContact = () =>
  useContactMutation(({ id, confirmName }: { id: number; confirmName: string }) =>
    api<Contact>(`/api/contacts/${id}/anonymize`, { method: 'POST', body: { confirmName } }),
  );

export interface MergePreview {
  tickets: number;
  messages: number;
  notes: number;
  tags: number;
  closingTicketIds: number[];
}

export function useMergePreview(id: number, otherId: number | null) {
  return useQuery({
    queryKey: extraKeys.mergePreview(id, otherId ?? 0),
    queryFn: ({ signal }) => api<MergePreview>(`/api/contacts/${id}/merge-preview/${otherId}`, { signal }),
    enabled: otherId !== null,
  });
}

export function useContactTimeline(id: number) {
  return useInfiniteQuery({
    queryKey: extraKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      api<{ items: TimelineItem[]; nextCursor: string | null }>(
        `/api/contacts/${id}/timeline?limit=30${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: extraKeys.audit,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: AuditEntry[]; nextCursor: number | null }>(`/api/audit-log?limit=50${pageParam ? `&cursor=${pageParam}` : ''}`, {
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A plain link: the browser streams the ZIP to disk with the session cookie, nothing is held in memory. */
export const contactExportUrl = (id: number) => `/api/contacts/${id}/export`;
