import { QueryClient } from '@tanstack/react-query';
import type { Ticket } from '@jimmy/contracts';
import { describe, expect, it } from 'vitest';
import { contactKeys, ticketKeys, type TicketListParams } from '../../lib/queryKeys.js';
import type { TicketListData } from './ticketsApi.js';
import { patchTicketEverywhere, upsertTicketEverywhere } from './ticketsCache.js';

const ME = 7;
const none = { q: '', queueId: null, connectionId: null, userId: null, tagIds: [], tagMode: 'any' as const };
const list = (tab: TicketListParams['tab'], extra: Partial<TicketListParams> = {}) => ticketKeys.list({ ...none, tab, ...extra });

function ticket(id: number, patch: Partial<Ticket> = {}): Ticket {
  return {
    id,
    status: 'pending',
    contact: { id: 100 + id, name: `Cliente ${id}`, phone: null, avatarUrl: null },
    connectionId: 1,
    connectionType: 'webchat',
    queueId: null,
    userId: null,
    lastMessage: null,
    unreadCount: 0,
    windowExpiresAt: null,
    firstResponseAt: null,
    closedAt: null,
    callback: null,
    survey: null,
    tags: [],
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...patch,
  };
}

const page = (...items: Ticket[]): TicketListData => ({ pages: [{ items, nextCursor: null }], pageParams: [null] });
const ids = (qc: QueryClient, key: readonly unknown[]) =>
  qc.getQueryData<TicketListData>(key)?.pages.flatMap((p) => p.items.map((t) => t.id));

function seeded() {
  const qc = new QueryClient();
  const waiting = ticket(1);
  const closed = ticket(2, { status: 'closed', closedAt: '2026-12-01T11:00:00.000Z' });
  qc.setQueryData(list('pending'), page(waiting));
  qc.setQueryData(list('open'), page());
  qc.setQueryData(list('closed'), page(closed));
  qc.setQueryData(list('all'), page(waiting, closed));
  qc.setQueryData(list('all', { q: 'Cliente' }), page(waiting, closed));
  qc.setQueryData(ticketKeys.detail(1), waiting);
  qc.setQueryData(contactKeys.history(101), [waiting]);
  return qc;
}

describe('one ticket event reaches every cached copy', () => {
  it('an accepted ticket leaves "waiting", joins "mine", and is updated in "all", the search, the detail and the contact history', () => {
    const qc = seeded();
    const accepted = ticket(1, { status: 'open', userId: ME, updatedAt: '2026-12-01T12:00:00.000Z' });
    upsertTicketEverywhere(qc, accepted, ME);

    expect(ids(qc, list('pending'))).toEqual([]);
    expect(ids(qc, list('open'))).toEqual([1]);
    expect(ids(qc, list('all'))).toEqual([1, 2]);
    expect(qc.getQueryData<TicketListData>(list('all'))?.pages[0]?.items[0]?.status).toBe('open');
    expect(qc.getQueryData<TicketListData>(list('all', { q: 'Cliente' }))?.pages[0]?.items[0]?.status).toBe('open');
    expect(qc.getQueryData<Ticket>(ticketKeys.detail(1))?.status).toBe('open');
    expect(qc.getQueryData<Ticket[]>(contactKeys.history(101))?.[0]?.status).toBe('open');
  });

  it('"all" keeps closed tickets: closing one moves it, it does not drop it', () => {
    const qc = seeded();
    upsertTicketEverywhere(qc, ticket(1, { status: 'closed', updatedAt: '2026-12-01T12:00:00.000Z' }), ME);
    expect(ids(qc, list('all'))).toEqual([1, 2]);
    expect(ids(qc, list('closed'))).toEqual([1, 2]);
    expect(ids(qc, list('pending'))).toEqual([]);
  });

  it('a new ticket is never guessed into a text search (the server decides what matches)', () => {
    const qc = seeded();
    upsertTicketEverywhere(qc, ticket(3), ME);
    expect(ids(qc, list('pending'))).toEqual([3, 1]);
    expect(ids(qc, list('all'))).toEqual([3, 1, 2]);
    expect(ids(qc, list('all', { q: 'Cliente' }))).toEqual([1, 2]);
  });

  it('patches (unread cleared) reach lists and detail without moving rows', () => {
    const qc = seeded();
    patchTicketEverywhere(qc, 2, { unreadCount: 0, contact: { id: 102, name: 'Renomeado', phone: null, avatarUrl: null } });
    expect(qc.getQueryData<TicketListData>(list('all'))?.pages[0]?.items[1]?.contact.name).toBe('Renomeado');
    expect(ids(qc, list('all'))).toEqual([1, 2]);
  });
});
