import type pg from 'pg';
import type { Notification } from '@jimmy/contracts';
import type { EventBus } from '../../infra/events.js';

/** The notes module's notifications, handed in by app.ts (importing it here would close a cycle through messages). */
export interface Notices {
  addNotice(
    companyId: number,
    userIds: number[],
    kind: 'webhook-disabled',
    data: Record<string, unknown> & { excerpt: string },
  ): Promise<{ userId: number; notification: Notification }[]>;
}

/** Every active admin of the company gets a notification (bell + live toast) naming the URL. */
export async function notifyAdminsOfDisable(
  deps: { pool: pg.Pool; events: EventBus; notices: Notices },
  companyId: number,
  subscriptionId: number,
) {
  const { rows } = await deps.pool.query<{ id: number; url: string }>(
    `select u.id, s.url from users u join webhook_subscriptions s on s.company_id = u.company_id and s.id = $2
      where u.company_id = $1 and u.role = 'admin' and u.active`,
    [companyId, subscriptionId],
  );
  if (rows.length === 0) return;
  const url = rows[0]!.url;
  const added = await deps.notices.addNotice(
    companyId,
    rows.map((r) => Number(r.id)),
    'webhook-disabled',
    { excerpt: url, subscriptionId, url },
  );
  for (const { userId, notification } of added) deps.events.publish('notification.created', { companyId, userId, notification });
}
