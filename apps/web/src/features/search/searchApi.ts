import { useInfiniteQuery } from '@tanstack/react-query';
import type { MessageSearchResult } from '@jimmy/contracts';
import { api } from '../../lib/api.js';

const searchKeys = {
  messages: (q: string) => ['search', 'messages', q] as const,
};

export function useMessageSearch(q: string) {
  const query = q.trim();
  return useInfiniteQuery({
    queryKey: searchKeys.messages(query),
    enabled: query !== '',
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const sp = new URLSearchParams({ q: query, limit: '20' });
      if (pageParam) sp.set('cursor', pageParam);
      return api<MessageSearchResult>(`/api/search/messages?${sp.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    // Results are a snapshot: a new search (or coming back after a minute) asks again.
    staleTime: 60_000,
  });
}
