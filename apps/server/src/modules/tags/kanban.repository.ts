import { sql } from 'drizzle-orm';
import type { KanbanCard } from '@jimmy/contracts';
import { dbOf, type Queryable } from '../../infra/db/index.js';
import { selectTicket, toTicketDto, visibleToSql, type TicketRow, type Viewer } from '../tickets/index.js';

/** The board shows the most recent cards of each lane; older ones stay in the ticket list. */
export const CARDS_PER_LANE = 100;

type BoardRow = TicketRow & { lane_tag_id: string | null; agent_name: string | null; waiting_since: Date | null; lane_rank: string };

/**
 * Pending and open tickets the viewer may see, each in its lane: the lane tag it carries with the
 * lowest position (null: "Em aberto"). One query: the ticket columns come from the tickets module's
 * select, wrapped so the lane, the agent and the waiting time are computed for the board's rows only.
 */
export async function boardCards(q: Queryable, viewer: Viewer): Promise<{ laneTagId: number | null; card: KanbanCard }[]> {
  const visible = visibleToSql(viewer);
  const result = await dbOf(q).execute(sql`
    with board as (
      ${selectTicket}
       where t.company_id = ${viewer.companyId} and t.status in ('pending', 'open')${visible ? sql` and ${visible}` : sql``}
    ), laned as (
      select b.*,
             (select tt.tag_id from ticket_tags tt join tags tg on tg.id = tt.tag_id
               where tt.ticket_id = b.id and tg.lane_position is not null order by tg.lane_position, tg.id limit 1) as lane_tag_id
        from board b
    ), ranked as (
      select l.*, row_number() over (partition by l.lane_tag_id order by l.last_message_at desc, l.id desc) as lane_rank from laned l
    )
    select r.*, u.name as agent_name,
           case when r.last_message_direction = 'in' then (
             select min(m.created_at) from messages m
              where m.company_id = ${viewer.companyId} and m.ticket_id = r.id and m.direction = 'in'
                and m.id > coalesce((select max(o.id) from messages o
                                      where o.company_id = ${viewer.companyId} and o.ticket_id = r.id and o.direction = 'out'), 0)
           ) end as waiting_since
      from ranked r left join users u on u.id = r.user_id
     where r.lane_rank <= ${CARDS_PER_LANE + 1}
     order by r.last_message_at desc, r.id desc`);
  return (result.rows as unknown as BoardRow[]).map((row) => ({
    laneTagId: row.lane_tag_id === null ? null : Number(row.lane_tag_id),
    card: {
      ticket: toTicketDto(row),
      agent: row.user_id === null ? null : { id: Number(row.user_id), name: row.agent_name ?? '' },
      waitingSince: row.waiting_since ? new Date(row.waiting_since).toISOString() : null,
    },
  }));
}
