import type { FlowAnalytics, FlowRun } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

/** A session that ended any of these ways finished its path; any other (or none yet) stopped where it stood. */
const FINISHED_REASONS = ['completed', 'transfer', 'closed', 'goToFlow'];

/**
 * Per node, the sessions whose steps in [from, to) entered it and the sessions whose last step in
 * the period left them there without finishing. Both read the steps through the
 * (company_id, flow_id, created_at) index; the session count reads flow_sessions' (company_id, flow_id, created_at) index.
 */
export async function flowAnalytics(q: Queryable, companyId: number, flowId: number, from: Date, to: Date): Promise<FlowAnalytics> {
  const { rows } = await q.query<{ node_id: string; reached: number; stopped: number }>(
    `with steps as (
       select session_id, id, node_ids, node_id from flow_step_logs
        where company_id = $1 and flow_id = $2 and created_at >= $3 and created_at < $4
     ),
     reached as (
       select n.node_id, count(distinct s.session_id)::int as reached
         from steps s cross join lateral unnest(s.node_ids) as n(node_id)
        group by n.node_id
     ),
     last_steps as (
       select distinct on (session_id) session_id, coalesce(node_id, node_ids[cardinality(node_ids)]) as node_id
         from steps order by session_id, id desc
     ),
     stopped as (
       select l.node_id, count(*)::int as stopped
         from last_steps l join flow_sessions fs on fs.id = l.session_id and fs.company_id = $1
        where l.node_id is not null and (fs.end_reason is null or fs.end_reason <> all($5::text[]))
        group by l.node_id
     )
     select coalesce(r.node_id, s.node_id) as node_id, coalesce(r.reached, 0) as reached, coalesce(s.stopped, 0) as stopped
       from reached r full join stopped s on s.node_id = r.node_id
      order by 1`,
    [companyId, flowId, from, to, FINISHED_REASONS],
  );
  const { rows: started } = await q.query<{ n: number }>(
    'select count(*)::int as n from flow_sessions where company_id = $1 and flow_id = $2 and created_at >= $3 and created_at < $4',
    [companyId, flowId, from, to],
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    sessions: started[0]?.n ?? 0,
    nodes: rows.map((r) => ({ nodeId: r.node_id, reached: Number(r.reached), stopped: Number(r.stopped) })),
  };
}

/** "Ver execução do fluxo": every session of the ticket, oldest first, each with its steps in order. */
export async function flowRunsOfTicket(q: Queryable, companyId: number, ticketId: number): Promise<FlowRun[]> {
  const { rows: sessions } = await q.query<{
    id: string;
    flow_id: string;
    flow_name: string;
    version: number;
    started_at: Date;
    ended_at: Date | null;
    end_reason: string | null;
  }>(
    `select s.id, s.flow_id, f.name as flow_name, v.version, s.created_at as started_at, s.ended_at, s.end_reason
       from flow_sessions s
       join flows f on f.id = s.flow_id and f.company_id = s.company_id
       join flow_versions v on v.id = s.flow_version_id and v.company_id = s.company_id
      where s.company_id = $1 and s.ticket_id = $2
      order by s.id`,
    [companyId, ticketId],
  );
  if (sessions.length === 0) return [];
  const { rows: steps } = await q.query<{
    id: string;
    session_id: string;
    event: string;
    event_data: Record<string, unknown>;
    node_ids: string[];
    node_id: string | null;
    effects: unknown[];
    variables: Record<string, string>;
    log: unknown[];
    created_at: Date;
  }>(
    `select id, session_id, event, event_data, node_ids, node_id, effects, variables, log, created_at
       from flow_step_logs where company_id = $1 and session_id = any($2::bigint[]) order by session_id, id`,
    [companyId, sessions.map((s) => s.id)],
  );
  return sessions.map((s) => ({
    sessionId: Number(s.id),
    flowId: Number(s.flow_id),
    flowName: s.flow_name,
    version: s.version,
    startedAt: new Date(s.started_at).toISOString(),
    endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
    endReason: s.end_reason,
    steps: steps
      .filter((step) => Number(step.session_id) === Number(s.id))
      .map((step) => ({
        id: Number(step.id),
        event: step.event,
        eventData: step.event_data,
        nodeIds: step.node_ids,
        nodeId: step.node_id,
        effects: step.effects,
        variables: step.variables,
        log: step.log,
        createdAt: new Date(step.created_at).toISOString(),
      })),
  }));
}
