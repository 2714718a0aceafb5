import type { Member } from './assignment.repository.js';

export type AutoMode = 'round_robin' | 'least_busy';

export const hasRoom = (member: Pick<Member, 'maxOpenTickets' | 'openTickets'>): boolean =>
  member.maxOpenTickets === null || member.openTickets < member.maxOpenTickets;

/**
 * The members who may take the next ticket, best first. Round-robin: the next id after the one who
 * got the last ticket, wrapping around; least-busy: fewest open tickets, ties by id. Offline and
 * full members never appear.
 */
export function candidatesInOrder(
  mode: AutoMode,
  members: readonly Member[],
  online: ReadonlySet<number>,
  cursor: number | null,
): Member[] {
  const able = members.filter((member) => online.has(member.id) && hasRoom(member));
  if (mode === 'least_busy') return able.sort((a, b) => a.openTickets - b.openTickets || a.id - b.id);
  const byId = able.sort((a, b) => a.id - b.id);
  if (cursor === null) return byId;
  return [...byId.filter((member) => member.id > cursor), ...byId.filter((member) => member.id <= cursor)];
}
