import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '@jimmy/contracts';
import type { TicketAudience } from '../../infra/events.js';

/**
 * Who may see a ticket (its TicketAudience), in one place: the predicate (services), the SQL filter (lists) and the
 * socket rooms (realtime) are all derived here, and visibility.test.ts checks they agree.
 *
 * - admins see everything;
 * - supervisors see bot tickets, unqueued tickets, every ticket of their queues and their own;
 * - agents see pending tickets of their queues, their own tickets (never a bot's), and pending
 *   unqueued tickets when the company lets every agent see them.
 */
export interface Viewer {
  companyId: number;
  userId: number;
  role: Role;
  /** The queues the user works (ignored for admins). */
  queueIds: readonly number[];
  /** Company setting: every agent sees pending tickets no queue took. */
  unqueuedVisible: boolean;
}

export const isAdmin = (role: Role): boolean => role === 'admin' || role === 'super_admin';
/** Managers see the "Bot" tab and can take a ticket over from the bot. */
export const isManager = (role: Role): boolean => role !== 'agent';

export function canSeeTicket(viewer: Viewer, ticket: TicketAudience): boolean {
  if (isAdmin(viewer.role)) return true;
  if (viewer.role === 'supervisor') {
    if (ticket.status === 'bot' || ticket.queueId === null || ticket.userId === viewer.userId) return true;
    return viewer.queueIds.includes(ticket.queueId);
  }
  if (ticket.status === 'bot') return false;
  if (ticket.userId === viewer.userId) return true;
  if (ticket.status !== 'pending') return false;
  return ticket.queueId === null ? viewer.unqueuedVisible : viewer.queueIds.includes(ticket.queueId);
}

/** The SQL twin of canSeeTicket over `tickets t`; undefined when the viewer sees everything. */
export function visibleToSql(viewer: Viewer): SQL | undefined {
  if (isAdmin(viewer.role)) return undefined;
  const ids = viewer.queueIds.map(Number).filter(Number.isSafeInteger);
  const inQueues = ids.length > 0 ? sql`t.queue_id = any(${sql.raw(`array[${ids.join(',')}]::bigint[]`)})` : sql`false`;
  if (viewer.role === 'supervisor') {
    return sql`(t.status = 'bot' or t.queue_id is null or t.user_id = ${viewer.userId} or ${inQueues})`;
  }
  const unqueued = viewer.unqueuedVisible ? sql` or t.queue_id is null` : sql``;
  return sql`(t.status <> 'bot' and (t.user_id = ${viewer.userId} or (t.status = 'pending' and (${inQueues}${unqueued}))))`;
}

export const rooms = {
  company: (id: number) => `company:${id}`,
  /** Admin data (users, connections) goes to managers; the admin room also hears every ticket. */
  companyRole: (id: number, role: Role) => `company:${id}:role:${role}`,
  /** Pending tickets without a queue, for agents when the company allows it. */
  unqueued: (companyId: number) => `company:${companyId}:unqueued`,
  user: (id: number) => `user:${id}`,
  /** Pending tickets of a queue: its agents. */
  queuePending: (id: number) => `queue:${id}:pending`,
  /** Every ticket of a queue: its supervisors. */
  queueAll: (id: number) => `queue:${id}:all`,
};

/** The queue room a member of the queue joins, by role (admins need none). */
export function queueRoomOf(role: Role, queueId: number): string | null {
  if (isAdmin(role)) return null;
  return role === 'supervisor' ? rooms.queueAll(queueId) : rooms.queuePending(queueId);
}

/** Every room a viewer's sockets join. */
export function roomsOfViewer(viewer: Viewer): string[] {
  const list = [rooms.company(viewer.companyId), rooms.companyRole(viewer.companyId, viewer.role), rooms.user(viewer.userId)];
  for (const queueId of viewer.queueIds) {
    const room = queueRoomOf(viewer.role, queueId);
    if (room) list.push(room);
  }
  if (viewer.role === 'agent' && viewer.unqueuedVisible) list.push(rooms.unqueued(viewer.companyId));
  return list;
}

/** Every room that hears about a ticket: a socket hears it exactly when canSeeTicket says so. */
export function roomsOfTicket(companyId: number, ticket: TicketAudience): string[] {
  const list = [rooms.companyRole(companyId, 'admin'), rooms.companyRole(companyId, 'super_admin')];
  if (ticket.status === 'bot') {
    list.push(rooms.companyRole(companyId, 'supervisor'));
    return list;
  }
  if (ticket.userId !== null) list.push(rooms.user(ticket.userId));
  if (ticket.queueId === null) {
    list.push(rooms.companyRole(companyId, 'supervisor'));
    if (ticket.status === 'pending') list.push(rooms.unqueued(companyId));
  } else {
    list.push(rooms.queueAll(ticket.queueId));
    if (ticket.status === 'pending') list.push(rooms.queuePending(ticket.queueId));
  }
  return list;
}
