import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';
import { NotificationsRepository } from '../notes/index.js';

/** Every active admin of the company gets a notification (bell + live toast) naming the URL. */
export async function notifyAdminsOfDisable(deps: { pool: pg.Pool; events: EventBus }, companyId: number, subscriptionId: number) {
  const { rows } = await deps.pool.query<{ id: number; url: string }>(
    `select u.id, s.url from users u join webhook_subscriptions s on s.company_id = u.company_id and s.id = $2
      where u.company_id = $1 and u.role = 'admin' and u.active`,
    [companyId, subscriptionId],
  );
  if (rows.length === 0) return;
  const url = rows[0]!.url;
  const added = await new NotificationsRepository(deps.pool).addNotice(
    companyId,
    rows.map((r) => Number(r.id)),
    'webhook-disabled',
    { excerpt: url, subscriptionId, url },
  );
  for (const { userId, notification } of added) deps.events.publish('notification.created', { companyId, userId, notification });
}
