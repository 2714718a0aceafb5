import { useCallback } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { TicketFilters, TicketTab } from '../../lib/queryKeys.js';

const tabs: readonly TicketTab[] = ['open', 'pending', 'bot', 'closed', 'all'];

type ListFilters = Omit<TicketFilters, 'q'>;

function idParam(sp: URLSearchParams, name: string): number | null {
  const n = Number(sp.get(name));
  return Number.isInteger(n) && n > 0 ? n : null;
}

function tagIdsParam(sp: URLSearchParams): number[] {
  return (sp.get('tags') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 20);
}

/**
 * The list's tab, search and filters live in the URL, so opening a conversation, a reload or the
 * browser's back and forward keep them (the list and the open conversation are different routes).
 */
export function useTicketListParams() {
  const [sp, setSp] = useSearchParams();
  const raw = sp.get('tab');
  const tab: TicketTab = tabs.find((t) => t === raw) ?? 'open';
  const search = sp.get('q') ?? '';
  // "Atendimentos / Mensagens": the same box searches tickets (names, numbers) or message text.
  const searchIn: 'tickets' | 'messages' = sp.get('in') === 'messages' ? 'messages' : 'tickets';
  const filters: ListFilters = {
    queueId: idParam(sp, 'queue'),
    connectionId: idParam(sp, 'connection'),
    userId: idParam(sp, 'agent'),
    tagIds: tagIdsParam(sp),
    tagMode: sp.get('tagMode') === 'all' ? 'all' : 'any',
  };

  const update = useCallback(
    (change: Record<string, string | null>, replace: boolean) =>
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(change)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace },
      ),
    [setSp],
  );

  return {
    tab,
    search,
    searchIn,
    filters,
    setSearchIn: (mode: 'tickets' | 'messages') => update({ in: mode === 'messages' ? 'messages' : null }, true),
    setTab: (next: TicketTab, endSearch = false) =>
      update({ tab: next === 'open' ? null : next, ...(endSearch ? { q: null } : {}) }, false),
    // Every keystroke replaces the entry: back should leave the search, not undo it letter by letter.
    setSearch: (q: string) => update({ q }, true),
    clearSearchAndFilters: () => update({ q: null, queue: null, connection: null, agent: null, tags: null, tagMode: null }, false),
    setFilters: (f: ListFilters) =>
      update(
        {
          queue: f.queueId ? String(f.queueId) : null,
          connection: f.connectionId ? String(f.connectionId) : null,
          agent: f.userId ? String(f.userId) : null,
          tags: f.tagIds.length > 0 ? f.tagIds.join(',') : null,
          tagMode: f.tagMode === 'all' ? 'all' : null,
        },
        false,
      ),
  };
}

/**
 * The path of a ticket that keeps the list's tab, search and filters; `messageId` opens the
 * conversation scrolled to that message (`?message=`, shared with notifications).
 */
export function useTicketPath() {
  const { search } = useLocation();
  return (ticketId: number | null, messageId?: number) => {
    const sp = new URLSearchParams(search);
    if (messageId) sp.set('message', String(messageId));
    else sp.delete('message');
    const query = sp.toString();
    return { pathname: ticketId === null ? '/tickets' : `/tickets/${ticketId}`, search: query ? `?${query}` : '' };
  };
}
