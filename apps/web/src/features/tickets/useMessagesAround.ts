import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { ticketKeys } from '../../lib/queryKeys.js';
import type { MessagePage } from './ticketsApi.js';

export interface FocusedPage extends MessagePage {
  newerCursor?: number | null;
}

export type FocusParam = { around: number } | { before: number } | { after: number };

/**
 * A conversation opened at one message (a search hit, a mention): the page around it, older pages
 * with `before` and newer ones with `after`. Its key sits under the ticket's messages key, so
 * invalidating the conversation refreshes it too; realtime appends only reach the live list, which
 * "go to the latest messages" returns to.
 */
export function useMessagesAround(ticketId: number, messageId: number | null) {
  const initial: FocusParam = { around: messageId ?? 0 };
  return useInfiniteQuery<FocusedPage, Error, InfiniteData<FocusedPage, FocusParam>, readonly unknown[], FocusParam>({
    queryKey: [...ticketKeys.messages(ticketId), 'around', messageId ?? 0],
    enabled: messageId !== null,
    initialPageParam: initial,
    queryFn: ({ pageParam, signal }) => {
      const sp = new URLSearchParams({ limit: '50' });
      for (const [key, value] of Object.entries(pageParam)) sp.set(key, String(value));
      return api<FocusedPage>(`/api/tickets/${ticketId}/messages?${sp.toString()}`, { signal });
    },
    getNextPageParam: (last): FocusParam | null => (last.nextCursor ? { before: last.nextCursor } : null),
    getPreviousPageParam: (first): FocusParam | null => (first.newerCursor ? { after: first.newerCursor } : null),
    staleTime: Infinity,
    gcTime: 60_000,
  });
}
