import type { Notification, NotificationList } from '@jimmy/contracts';
import { notFound } from '../../infra/errors.js';
import type { AuthContext } from '../auth/index.js';
import type { NotificationsRepository } from './notifications.repository.js';

/** The caller's own notifications; nobody reads or marks another user's. */
export class NotificationsService {
  constructor(private readonly repo: NotificationsRepository) {}

  async list(auth: AuthContext, before: number | undefined, limit: number): Promise<NotificationList> {
    const rows = await this.repo.list(auth.companyId, auth.userId, before, limit + 1);
    const items = rows.slice(0, limit);
    return {
      items,
      unreadCount: await this.repo.unreadCount(auth.companyId, auth.userId),
      nextCursor: rows.length > limit ? items[items.length - 1]!.id : null,
    };
  }

  async markRead(auth: AuthContext, id: number): Promise<Notification> {
    const notification = await this.repo.markRead(auth.companyId, auth.userId, id);
    if (!notification) throw notFound('Notification');
    return notification;
  }

  async markAllRead(auth: AuthContext): Promise<{ updated: number }> {
    return { updated: await this.repo.markAllRead(auth.companyId, auth.userId) };
  }
}
