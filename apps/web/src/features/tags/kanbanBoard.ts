import type { KanbanBoard, Ticket } from '@jimmy/contracts';

/**
 * A ticket event applied to the cached board: the card follows its lane tag, leaves the board when
 * the ticket is no longer pending or open. Returns null when the board cannot tell (a ticket it has
 * never seen): the caller refetches it.
 */
export function applyTicketToBoard(board: KanbanBoard, ticket: Ticket): KanbanBoard | null {
  const existing = board.lanes.flatMap((lane) => lane.cards).find((card) => card.ticket.id === ticket.id);
  const stays = ticket.status === 'pending' || ticket.status === 'open';
  if (!existing) return stays ? null : board;
  const laneTags = board.lanes.flatMap((lane) => (lane.tag ? [lane.tag.id] : []));
  const target = stays ? (laneTags.find((id) => ticket.tags.some((tag) => tag.id === id)) ?? null) : undefined;
  // The agent's name is only on the board: kept when the assignee did not change, else refetched.
  if (stays && existing.ticket.userId !== ticket.userId) return null;
  return {
    lanes: board.lanes.map((lane) => {
      const cards = lane.cards.filter((card) => card.ticket.id !== ticket.id);
      if (target !== undefined && (lane.tag?.id ?? null) === target) {
        const card = { ...existing, ticket };
        const at = (c: { ticket: Ticket }) => c.ticket.lastMessage?.at ?? c.ticket.updatedAt;
        return { ...lane, cards: [...cards, card].sort((a, b) => at(b).localeCompare(at(a))) };
      }
      return { ...lane, cards };
    }),
  };
}

export function removeFromBoard(board: KanbanBoard, ticketId: number): KanbanBoard {
  return { lanes: board.lanes.map((lane) => ({ ...lane, cards: lane.cards.filter((card) => card.ticket.id !== ticketId) })) };
}
