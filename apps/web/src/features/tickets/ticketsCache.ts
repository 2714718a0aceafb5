import type { QueryClient } from '@tanstack/react-query';
import type { Message, Ticket } from '@jimmy/contracts';
import { contactKeys, ticketKeys, type TicketListParams } from '../../lib/queryKeys.js';
import type { MessagesData, TicketListData } from './ticketsApi.js';

const listsKey = ticketKeys.lists();
const detailKey = ticketKeys.detail;
const messagesKey = ticketKeys.messages;

function activityAt(ticket: Ticket): string {
  return ticket.lastMessage?.at ?? ticket.updatedAt;
}

/**
 * Whether a ticket belongs in a list. meId null means "we cannot tell", and then the ticket is only
 * updated where it already is. A text search is the server's business: we never insert into one.
 */
function belongs(ticket: Ticket, p: TicketListParams, meId: number | null): boolean | null {
  if (p.tab === 'open' && (ticket.status !== 'open' || (meId !== null && ticket.userId !== meId))) return false;
  if ((p.tab === 'pending' || p.tab === 'bot' || p.tab === 'closed') && ticket.status !== p.tab) return false;
  if (p.queueId && ticket.queueId !== p.queueId) return false;
  if (p.connectionId && ticket.connectionId !== p.connectionId) return false;
  if (p.userId && ticket.userId !== p.userId) return false;
  if (p.tagIds.length > 0) {
    const has = (id: number) => ticket.tags.some((tag) => tag.id === id);
    if (p.tagMode === 'all' ? !p.tagIds.every(has) : !p.tagIds.some(has)) return false;
  }
  if (p.q.trim() || (p.tab === 'open' && meId === null)) return null;
  return true;
}

function withoutTicket(data: TicketListData, id: number): TicketListData {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((t) => t.id !== id) })) };
}

function upsertInList(data: TicketListData, ticket: Ticket, fit: boolean | null): TicketListData {
  if (fit === false) return withoutTicket(data, ticket.id);
  const existing = data.pages.flatMap((p) => p.items).find((t) => t.id === ticket.id);
  if (!existing && fit === null) return data;
  const moved = !existing || activityAt(ticket) > activityAt(existing);
  if (!moved) {
    return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((t) => (t.id === ticket.id ? ticket : t)) })) };
  }
  // Newest activity first, as the server sorts: a moving row goes to the top.
  const stripped = withoutTicket(data, ticket.id);
  const [first, ...rest] = stripped.pages;
  if (!first) return data;
  return { ...stripped, pages: [{ ...first, items: [ticket, ...first.items] }, ...rest] };
}

export function upsertTicketEverywhere(qc: QueryClient, ticket: Ticket, meId: number | null) {
  qc.setQueryData<Ticket>(detailKey(ticket.id), ticket);
  for (const [key, data] of qc.getQueriesData<TicketListData>({ queryKey: listsKey })) {
    if (!data) continue;
    const params = key[2] as TicketListParams | undefined;
    if (!params) continue;
    qc.setQueryData<TicketListData>(key, upsertInList(data, ticket, belongs(ticket, params, meId)));
  }
  upsertInHistory(qc, ticket);
}

/** The contact's history (contact page and the console's panel) lists every ticket of that contact. */
function upsertInHistory(qc: QueryClient, ticket: Ticket) {
  const key = contactKeys.history(ticket.contact.id);
  const history = qc.getQueryData<Ticket[]>(key);
  if (!history) return;
  if (history.some((t) => t.id === ticket.id)) {
    qc.setQueryData<Ticket[]>(
      key,
      history.map((t) => (t.id === ticket.id ? ticket : t)),
    );
  } else void qc.invalidateQueries({ queryKey: key });
}

export function removeTicketEverywhere(qc: QueryClient, ticketId: number) {
  for (const [key, data] of qc.getQueriesData<TicketListData>({ queryKey: listsKey })) {
    if (data) qc.setQueryData<TicketListData>(key, withoutTicket(data, ticketId));
  }
}

/** Patches a ticket wherever it is cached without moving it (unread cleared, for instance). */
export function patchTicketEverywhere(qc: QueryClient, ticketId: number, patch: Partial<Ticket>) {
  qc.setQueryData<Ticket>(detailKey(ticketId), (old) => (old ? { ...old, ...patch } : old));
  for (const [key, data] of qc.getQueriesData<TicketListData>({ queryKey: listsKey })) {
    if (!data) continue;
    qc.setQueryData<TicketListData>(key, {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.map((t) => (t.id === ticketId ? { ...t, ...patch } : t)) })),
    });
  }
}

export function findCachedTicket(qc: QueryClient, ticketId: number): Ticket | undefined {
  const detail = qc.getQueryData<Ticket>(detailKey(ticketId));
  if (detail) return detail;
  for (const [, data] of qc.getQueriesData<TicketListData>({ queryKey: listsKey })) {
    const found = data?.pages.flatMap((p) => p.items).find((t) => t.id === ticketId);
    if (found) return found;
  }
  return undefined;
}

/**
 * New messages join the newest page (pages[0], newest first); updates replace in place. A
 * conversation nobody has opened has no cache, and stays without one.
 */
const statusRank: Record<Message['status'], number> = { failed: -1, pending: 0, sent: 1, delivered: 2, read: 3, played: 4 };

/**
 * fromResponse: the message comes from an HTTP answer, which can arrive after the socket already
 * told us the message moved on (sent, delivered); then the cached copy is the newer one.
 */
export function upsertMessage(qc: QueryClient, ticketId: number, message: Message, opts: { fromResponse?: boolean } = {}) {
  qc.setQueryData<MessagesData>(messagesKey(ticketId), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((m) => {
        if (m.id !== message.id) return m;
        found = true;
        return opts.fromResponse && statusRank[m.status] > statusRank[message.status] ? m : message;
      }),
    }));
    if (found) return { ...data, pages };
    const [first, ...rest] = pages;
    if (!first) return data;
    return { ...data, pages: [{ ...first, items: [message, ...first.items] }, ...rest] };
  });
}
