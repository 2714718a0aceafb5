import { describe, expect, it } from 'vitest';
import type { Role, TicketStatus } from '@jimmy/contracts';
import { canSeeTicket, roomsOfTicket, roomsOfViewer, type Viewer } from './visibility.js';

const COMPANY = 1;
const QUEUE_A = 10;
const QUEUE_B = 20;
const ME = 100;
const SOMEONE = 200;

const viewer = (role: Role, queueIds: number[], unqueuedVisible = true): Viewer => ({
  companyId: COMPANY,
  userId: ME,
  role,
  queueIds,
  unqueuedVisible,
});

type Row = [string, Viewer, { status: TicketStatus; queueId: number | null; userId: number | null }, boolean];

const agentA = viewer('agent', [QUEUE_A]);
const agentB = viewer('agent', [QUEUE_B]);
const agentNoUnqueued = viewer('agent', [QUEUE_A], false);
const supervisorA = viewer('supervisor', [QUEUE_A]);
const admin = viewer('admin', []);

const table: Row[] = [
  ['agent A: pending in A', agentA, { status: 'pending', queueId: QUEUE_A, userId: null }, true],
  ['agent B: pending in A', agentB, { status: 'pending', queueId: QUEUE_A, userId: null }, false],
  ['agent A: open in A, someone else’s', agentA, { status: 'open', queueId: QUEUE_A, userId: SOMEONE }, false],
  ['agent A: open in A, mine', agentA, { status: 'open', queueId: QUEUE_A, userId: ME }, true],
  ['agent A: open in B, mine (transferred to me)', agentA, { status: 'open', queueId: QUEUE_B, userId: ME }, true],
  ['agent A: closed in A, mine', agentA, { status: 'closed', queueId: QUEUE_A, userId: ME }, true],
  ['agent A: closed in A, someone else’s', agentA, { status: 'closed', queueId: QUEUE_A, userId: SOMEONE }, false],
  ['agent A: bot, no queue', agentA, { status: 'bot', queueId: null, userId: null }, false],
  ['agent A: bot assigned to me (never shown)', agentA, { status: 'bot', queueId: null, userId: ME }, false],
  ['agent A: unqueued pending, setting on', agentA, { status: 'pending', queueId: null, userId: null }, true],
  ['agent A: unqueued pending, setting off', agentNoUnqueued, { status: 'pending', queueId: null, userId: null }, false],
  ['agent A: unqueued open, someone else’s', agentA, { status: 'open', queueId: null, userId: SOMEONE }, false],
  ['supervisor A: pending in A', supervisorA, { status: 'pending', queueId: QUEUE_A, userId: null }, true],
  ['supervisor A: open in A, someone else’s', supervisorA, { status: 'open', queueId: QUEUE_A, userId: SOMEONE }, true],
  ['supervisor A: closed in A', supervisorA, { status: 'closed', queueId: QUEUE_A, userId: SOMEONE }, true],
  ['supervisor A: open in B, someone else’s', supervisorA, { status: 'open', queueId: QUEUE_B, userId: SOMEONE }, false],
  ['supervisor A: pending in B', supervisorA, { status: 'pending', queueId: QUEUE_B, userId: null }, false],
  ['supervisor A: bot', supervisorA, { status: 'bot', queueId: null, userId: null }, true],
  ['supervisor A: unqueued open', supervisorA, { status: 'open', queueId: null, userId: SOMEONE }, true],
  ['admin: open in B', admin, { status: 'open', queueId: QUEUE_B, userId: SOMEONE }, true],
  ['admin: bot', admin, { status: 'bot', queueId: null, userId: null }, true],
  ['admin: closed unqueued', admin, { status: 'closed', queueId: null, userId: null }, true],
];

describe('ticket visibility', () => {
  it.each(table)('%s → %s', (_name, who, ticket, expected) => {
    expect(canSeeTicket(who, ticket)).toBe(expected);
  });

  it.each(table)('socket rooms agree with the predicate: %s', (_name, who, ticket, expected) => {
    const hears = roomsOfTicket(COMPANY, ticket).some((room) => roomsOfViewer(who).includes(room));
    expect(hears).toBe(expected);
  });

  it('every combination agrees, not only the named rows', () => {
    const statuses: TicketStatus[] = ['bot', 'pending', 'open', 'closed'];
    const viewers = [agentA, agentB, agentNoUnqueued, supervisorA, viewer('supervisor', []), admin, viewer('super_admin', [])];
    for (const who of viewers)
      for (const status of statuses)
        for (const queueId of [null, QUEUE_A, QUEUE_B])
          for (const userId of [null, ME, SOMEONE]) {
            const ticket = { status, queueId, userId };
            const hears = roomsOfTicket(COMPANY, ticket).some((room) => roomsOfViewer(who).includes(room));
            expect(hears, JSON.stringify({ who, ticket })).toBe(canSeeTicket(who, ticket));
          }
  });
});
