import type { KanbanBoard, Ticket } from '@jimmy/contracts';
import { describe, expect, it } from 'vitest';
import { applyTicketToBoard } from './kanbanBoard.js';
import { readableTextColor } from './TagChip.js';

const lane = (id: number | null) => (id === null ? null : { id, name: `L${id}`, color: '#000000', lanePosition: id, laneMessage: null });
function ticket(id: number, patch: Partial<Ticket> = {}): Ticket {
  return {
    id,
    status: 'pending',
    contact: { id, name: `C${id}`, phone: null, avatarUrl: null },
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
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}
const board = (): KanbanBoard => ({
  lanes: [
    { tag: lane(null), cards: [{ ticket: ticket(1), agent: null, waitingSince: null }], truncated: false },
    { tag: lane(10), cards: [], truncated: false },
  ],
});
const where = (b: KanbanBoard | null, id: number) => b?.lanes.findIndex((l) => l.cards.some((c) => c.ticket.id === id));

describe('the board follows ticket events', () => {
  it('a lane tag moves the card; losing it brings the card back to "Em aberto"', () => {
    const tagged = applyTicketToBoard(board(), ticket(1, { tags: [{ id: 10, name: 'L10', color: '#000000' }] }));
    expect(where(tagged, 1)).toBe(1);
    expect(where(applyTicketToBoard(tagged!, ticket(1)), 1)).toBe(0);
  });
  it('a closed ticket leaves the board; an unknown live one asks for a refetch', () => {
    expect(where(applyTicketToBoard(board(), ticket(1, { status: 'closed' })), 1)).toBe(-1);
    expect(applyTicketToBoard(board(), ticket(2))).toBeNull();
  });
  it('chips pick a readable text colour', () => {
    expect(readableTextColor('#ffd43b')).toBe('#000');
    expect(readableTextColor('#1971c2')).toBe('#fff');
  });
});
