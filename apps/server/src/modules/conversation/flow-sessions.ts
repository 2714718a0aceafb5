import {
  compileFlow,
  type CompiledFlow,
  type Effect,
  type FlowContext,
  type FlowEvent,
  type FlowSession,
  type HoursState,
} from '@jimmy/flow-engine';
import { hoursStatus, parseSchedule } from '@jimmy/routing';
import type { Queryable } from '../../infra/db/index.js';
import { companySettingsFrom } from '../companies/index.js';
import type { LockedTicket } from './routing-context.js';

/** A running session as the runner holds it during one locked pass. */
export interface RunningSession {
  id: number;
  companyId: number;
  ticketId: number;
  flowId: number;
  flowVersionId: number;
  state: FlowSession;
}

/** A runtime remark stored with the step beside the engine's own entries (a tag created, a field refused). */
export interface RuntimeNote {
  level: 'info' | 'warn' | 'error';
  message: string;
}

interface SessionRow {
  id: string;
  company_id: string;
  ticket_id: string;
  flow_id: string;
  flow_version_id: string;
  state: FlowSession;
}

const toSession = (row: SessionRow): RunningSession => ({
  id: Number(row.id),
  companyId: Number(row.company_id),
  ticketId: Number(row.ticket_id),
  flowId: Number(row.flow_id),
  flowVersionId: Number(row.flow_version_id),
  state: row.state,
});

const SESSION_COLUMNS = 'id, company_id, ticket_id, flow_id, flow_version_id, state';

/** The ticket's running session. Read after the ticket lock, so it is what the last holder committed. */
export async function runningSessionOf(q: Queryable, ticket: LockedTicket): Promise<RunningSession | null> {
  const { rows } = await q.query<SessionRow>(
    `select ${SESSION_COLUMNS} from flow_sessions where company_id = $1 and ticket_id = $2 and ended_at is null`,
    [ticket.companyId, ticket.id],
  );
  return rows[0] ? toSession(rows[0]) : null;
}

/** A session by id, only while it runs (a job for an ended session has nothing left to do). */
export async function runningSessionById(q: Queryable, companyId: number, sessionId: number): Promise<RunningSession | null> {
  const { rows } = await q.query<SessionRow>(
    `select ${SESSION_COLUMNS} from flow_sessions where company_id = $1 and id = $2 and ended_at is null`,
    [companyId, sessionId],
  );
  return rows[0] ? toSession(rows[0]) : null;
}

/** The ticket a session belongs to (any state): jobs lock that ticket before touching the session. */
export async function ticketOfSession(q: Queryable, companyId: number, sessionId: number): Promise<number | null> {
  const { rows } = await q.query<{ ticket_id: string }>('select ticket_id from flow_sessions where company_id = $1 and id = $2', [
    companyId,
    sessionId,
  ]);
  return rows[0] ? Number(rows[0].ticket_id) : null;
}

/**
 * The flow a bot ticket should start: its connection's flow when published, and only if the
 * ticket never ran one (a finished flow hands the ticket over; it does not start again).
 */
export async function flowToStart(q: Queryable, ticket: LockedTicket): Promise<{ flowId: number; versionId: number } | null> {
  const { rows } = await q.query<{ flow_id: string; version_id: string }>(
    `select f.id as flow_id, f.published_version_id as version_id
       from connection_flows cf join flows f on f.id = cf.flow_id and f.company_id = cf.company_id
      where cf.company_id = $1 and cf.connection_id = $2 and f.published_version_id is not null
        and not exists (select 1 from flow_sessions s where s.company_id = $1 and s.ticket_id = $3)`,
    [ticket.companyId, ticket.connectionId, ticket.id],
  );
  const row = rows[0];
  return row ? { flowId: Number(row.flow_id), versionId: Number(row.version_id) } : null;
}

/** A company's flow by id with its published version (goToFlow), or null when missing or unpublished. */
export async function publishedFlow(
  q: Queryable,
  companyId: number,
  flowId: number,
): Promise<{ flowId: number; versionId: number } | null> {
  if (!Number.isSafeInteger(flowId) || flowId <= 0) return null;
  const { rows } = await q.query<{ version_id: string | null }>(
    'select published_version_id as version_id from flows where company_id = $1 and id = $2',
    [companyId, flowId],
  );
  const versionId = rows[0]?.version_id;
  return versionId ? { flowId, versionId: Number(versionId) } : null;
}

const CACHE_LIMIT = 500;

/** A published version as the runner uses it: compiled, with its Media URLs' files (url → flow_media id). */
export interface LoadedVersion {
  flow: CompiledFlow;
  media: Readonly<Record<string, number>>;
}

/**
 * Published versions never change, so a loaded one stays valid for the life of the runner. Per
 * runner, not per process: ids are only unique within one database (tests run several).
 */
export type CompiledCache = Map<number, LoadedVersion>;

/** The compiled published version; throws if it no longer compiles (a fault, not a customer's doing). */
export async function loadVersion(compiled: CompiledCache, q: Queryable, companyId: number, versionId: number): Promise<LoadedVersion> {
  const cached = compiled.get(versionId);
  if (cached) return cached;
  const { rows } = await q.query<{ graph: unknown; media: Record<string, number> }>(
    'select graph, media from flow_versions where company_id = $1 and id = $2',
    [companyId, versionId],
  );
  if (!rows[0]) throw new Error(`flow version ${versionId} not found`);
  const result = compileFlow(String(versionId), rows[0].graph);
  if (!result.ok) throw new Error(`flow version ${versionId} does not compile: ${JSON.stringify(result.problems)}`);
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
  const loaded = { flow: result.flow, media: rows[0].media };
  compiled.set(versionId, loaded);
  return loaded;
}

export async function compiledVersion(compiled: CompiledCache, q: Queryable, companyId: number, versionId: number): Promise<CompiledFlow> {
  return (await loadVersion(compiled, q, companyId, versionId)).flow;
}

export async function insertSession(
  q: Queryable,
  ticket: LockedTicket,
  flow: { flowId: number; versionId: number },
  state: FlowSession,
): Promise<RunningSession> {
  const { rows } = await q.query<SessionRow>(
    `insert into flow_sessions (company_id, ticket_id, flow_id, flow_version_id, state) values ($1, $2, $3, $4, $5) returning ${SESSION_COLUMNS}`,
    [ticket.companyId, ticket.id, flow.flowId, flow.versionId, state],
  );
  return toSession(rows[0]!);
}

export async function saveSession(q: Queryable, session: RunningSession, endReason: string | null): Promise<void> {
  await q.query(
    `update flow_sessions set state = $3, updated_at = now(),
            end_reason = coalesce($4, end_reason), ended_at = case when $4::text is null then ended_at else now() end
      where company_id = $1 and id = $2`,
    [session.companyId, session.id, session.state, endReason],
  );
}

/** One row per step: what the analytics count and "Ver execução do fluxo" shows. */
export async function insertStepLog(
  q: Queryable,
  session: RunningSession,
  step: { event: FlowEvent; nodeIds: string[]; effects: Effect[]; log: unknown[] },
): Promise<void> {
  const { type, ...eventData } = step.event;
  await q.query(
    `insert into flow_step_logs (company_id, session_id, flow_id, flow_version_id, event, event_data, node_ids, node_id, effects, variables, log)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      session.companyId,
      session.id,
      session.flowId,
      session.flowVersionId,
      type,
      eventData,
      step.nodeIds,
      session.state.nodeId,
      JSON.stringify(step.effects),
      session.state.variables,
      JSON.stringify(step.log),
    ],
  );
}

const stateOf = (schedule: unknown, now: Date): HoursState | null => {
  if (!schedule) return null;
  const parsed = parseSchedule(schedule);
  return parsed.kind === 'schedule' ? hoursStatus(parsed.schedule, now).state : null;
};

/**
 * What a step reads from outside: the contact's fields (built-ins and custom), the ticket's and
 * contact's tags, the company's time zone and the working-hours state of the company and of each
 * queue with a schedule, from the same schedules routing uses. One statement.
 */
export async function flowContextOf(q: Queryable, ticket: LockedTicket, now: Date): Promise<FlowContext> {
  const { rows } = await q.query<{
    name: string;
    email: string | null;
    phone: string | null;
    custom_fields: Record<string, string> | null;
    settings: unknown;
    timezone: string;
    tags: string[];
    queues: { id: string; schedule: unknown }[];
  }>(
    `select c.name, c.email, c.phone, c.custom_fields, co.settings, co.timezone,
            array(select tg.name from ticket_tags tt join tags tg on tg.id = tt.tag_id where tt.company_id = $1 and tt.ticket_id = $3
                  union select tg.name from contact_tags ct join tags tg on tg.id = ct.tag_id where ct.company_id = $1 and ct.contact_id = $2) as tags,
            (select coalesce(json_agg(json_build_object('id', qu.id, 'schedule', qu.schedule)), '[]'::json)
               from queues qu where qu.company_id = $1) as queues
       from contacts c join companies co on co.id = c.company_id
      where c.company_id = $1 and c.id = $2`,
    [ticket.companyId, ticket.contactId, ticket.id],
  );
  const row = rows[0];
  if (!row) throw new Error(`contact ${ticket.contactId} of ticket ${ticket.id} not found`);
  const settings = companySettingsFrom(row);
  // No company schedule means always open, as routing treats it; a queue without its own follows the company's.
  const company = stateOf(settings.hours.schedule, now) ?? 'open';
  const queues: Record<string, HoursState> = {};
  for (const queue of row.queues) queues[String(queue.id)] = stateOf(queue.schedule, now) ?? company;
  return {
    now: now.getTime(),
    // The engine's nodes do not draw yet; Math.random is fine outside the engine.
    random: Math.random,
    timeZone: settings.timezone,
    contact: {
      fields: { ...(row.custom_fields ?? {}), name: row.name, email: row.email ?? '', phone: row.phone ?? '' },
      tags: row.tags,
    },
    hours: { company, queues },
  };
}
