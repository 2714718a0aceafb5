import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@jimmy/contracts';
import type { EventBus } from '../../infra/events.js';
import { rooms } from '../tickets/index.js';
import './announcements.events.js';

type Io = Pick<Server<ClientToServerEvents, ServerToClientEvents>, 'to'>;

/**
 * Announcement events to sockets. Every emit names user or role rooms, which the Redis adapter
 * shares between nodes, so a recipient connected to another process hears it too.
 */
export function attachAnnouncementsRealtime(io: Io, events: EventBus): () => void {
  const admins = (companyId: number) => [rooms.companyRole(companyId, 'admin'), rooms.companyRole(companyId, 'super_admin')];
  const unsubscribers = [
    events.subscribe('announcement.created', ({ recipientIds, announcement }) => {
      if (recipientIds.length > 0) io.to(recipientIds.map(rooms.user)).emit('announcement.created', { announcement });
    }),
    events.subscribe('announcement.acked', ({ companyId, authorId, announcementId, userId, name, ackedAt }) => {
      const to = admins(companyId);
      if (authorId !== null) to.push(rooms.user(authorId));
      io.to(to).emit('announcement.acked', { announcementId, userId, name, ackedAt });
    }),
    events.subscribe('announcement.archived', ({ companyId, authorId, announcementId, recipientIds }) => {
      const to = [...admins(companyId), ...recipientIds.map(rooms.user)];
      if (authorId !== null) to.push(rooms.user(authorId));
      io.to(to).emit('announcement.archived', { announcementId });
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
