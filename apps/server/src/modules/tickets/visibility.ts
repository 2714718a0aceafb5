import type { TicketAudience } from '../../infra/events.js';
import type { AuthContext } from '../auth/index.js';

/** Admins and supervisors see every ticket of the company. */
export function seesAllTickets(auth: Pick<AuthContext, 'role'>): boolean {
  return auth.role !== 'agent';
}

/**
 * An agent sees the tickets assigned to them, those of their queues, and pending tickets that no
 * queue has claimed yet (so a company without queues still works). The SQL twin of this rule is in
 * tickets.repository.ts `visibleTo`.
 */
export function canSeeTicket(auth: Pick<AuthContext, 'role' | 'userId'>, queueIds: readonly number[], ticket: TicketAudience): boolean {
  if (seesAllTickets(auth)) return true;
  if (ticket.userId === auth.userId) return true;
  if (ticket.queueId !== null) return queueIds.includes(ticket.queueId);
  return ticket.status === 'pending';
}
