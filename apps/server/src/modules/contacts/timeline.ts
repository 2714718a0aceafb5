import type { SQL } from 'drizzle-orm';
import type { TimelineItem } from '@jimmy/contracts';
import type { Db } from '../../infra/db/index.js';
import { sql } from 'drizzle-orm';
import { isManager } from '../tickets/visibility.js';
import type { Viewer } from '../tickets/index.js';

/**
 * One contact's whole story, newest first: its tickets opening and closing, what happened to them
 * (ticket_events), private notes, tag changes, survey answers and scheduled messages. Ticket-bound
 * items follow ticket visibility (`visible` is visibleToSql over `tickets t`); scheduled messages
 * without a ticket are shown to managers and to whoever scheduled them.
 *
 * The cursor is (microseconds since epoch, kind, id) of the last item: JavaScript dates stop at
 * milliseconds, and two rows in the same millisecond must not be skipped or repeated.
 */
export async function contactTimeline(
  db: Db,
  viewer: Viewer,
  visible: SQL | undefined,
  contactId: number,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const seen = visible ?? sql`true`;
  const companyId = viewer.companyId;
  const [us, kind, id] = page.cursor ? page.cursor.split('.') : [];
  const after = page.cursor ? sql`where (e.at_us, e.kind, e.ref_id) < (${us}::bigint, ${kind}::text, ${id}::bigint)` : sql``;
  const scheduledSeen = isManager(viewer.role) ? sql`true` : sql`s.created_by = ${viewer.userId}`;
  const { rows } = await db.execute<{
    kind: TimelineItem['kind'];
    ref_id: number;
    ticket_id: number | null;
    at: string;
    at_us: number;
    actor_id: number | null;
    actor_name: string | null;
    data: Record<string, unknown>;
  }>(sql`
    with vt as (select t.* from tickets t where t.company_id = ${companyId} and t.contact_id = ${contactId} and ${seen}),
    items as (
      select 'ticket-opened' as kind, t.id as ref_id, t.id as ticket_id, t.created_at as at, null::bigint as actor_id,
             jsonb_build_object('status', t.status, 'queue', q.name, 'connection', c.name) as data
        from vt t left join queues q on q.id = t.queue_id left join connections c on c.id = t.connection_id
      union all
      select 'ticket-closed', t.id, t.id, t.closed_at, t.user_id, jsonb_build_object('queue', q.name)
        from vt t left join queues q on q.id = t.queue_id
       where t.closed_at is not null
      union all
      select 'ticket-event', e.id, e.ticket_id, e.created_at, e.actor_user_id, jsonb_build_object('event', e.kind, 'details', e.data)
        from ticket_events e join vt t on e.ticket_id = t.id
       where e.company_id = ${companyId} and e.kind not in ('created', 'closed')
      union all
      select 'note', m.id, m.ticket_id, m.created_at, m.user_id, jsonb_build_object('body', m.body)
        from messages m join vt t on m.ticket_id = t.id
       where m.company_id = ${companyId} and m.type = 'note'
      union all
      select case a.action when 'contact.tag-added' then 'tag-added' else 'tag-removed' end, a.id, null, a.created_at, a.actor_user_id, a.data -> 'tag'
        from audit_log a
       where a.company_id = ${companyId} and a.target_type = 'contact' and a.target_id = ${contactId}
         and a.action in ('contact.tag-added', 'contact.tag-removed')
      union all
      select 'survey-answered', s.id, s.ticket_id, s.answered_at, null, jsonb_build_object('score', s.score, 'comment', s.comment)
        from surveys s join vt t on s.ticket_id = t.id
       where s.company_id = ${companyId} and s.contact_id = ${contactId} and s.answered_at is not null
      union all
      select 'scheduled-message', s.id, s.ticket_id, coalesce(s.sent_at, s.send_at), s.created_by,
             jsonb_build_object('status', s.status, 'body', s.body, 'sendAt', s.send_at)
        from scheduled_messages s left join tickets t on t.id = s.ticket_id
       where s.company_id = ${companyId} and s.contact_id = ${contactId}
         and (case when s.ticket_id is null then ${scheduledSeen} else ${seen} end)
    ),
    keyed as (select i.*, (extract(epoch from i.at) * 1000000)::bigint as at_us from items i)
    select e.kind, e.ref_id, e.ticket_id, e.at, e.at_us, e.actor_id, u.name as actor_name, e.data
      from keyed e left join users u on u.id = e.actor_id
      ${after}
     order by e.at_us desc, e.kind desc, e.ref_id desc
     limit ${page.limit + 1}`);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((row) => ({
      key: `${row.kind}:${row.ref_id}`,
      kind: row.kind,
      at: new Date(row.at).toISOString(),
      ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
      actor: row.actor_id === null ? null : { id: Number(row.actor_id), name: row.actor_name ?? '' },
      data: row.data ?? {},
    })),
    nextCursor: rows.length > page.limit && last ? `${last.at_us}.${last.kind}.${last.ref_id}` : null,
  };
}
