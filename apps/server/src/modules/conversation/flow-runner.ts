import { newSession, step, type FlowEvent, type HttpMethod } from '@jimmy/flow-engine';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { Done } from '../../infra/unit-of-work.js';
import type { Transports } from '../connections/index.js';
import type { OutboundMessages } from '../messages/index.js';
import { recordTicketEvent, type TicketLookup } from '../tickets/index.js';
import { applyFlowEffects, handOver, type FlowEffectDeps } from './flow-effects.js';
import {
  compiledVersion,
  loadVersion,
  flowContextOf,
  flowToStart,
  insertSession,
  insertStepLog,
  publishedFlow,
  runningSessionById,
  runningSessionOf,
  saveSession,
  ticketOfSession,
  type CompiledCache,
  type RunningSession,
} from './flow-sessions.js';
import type { EffectDeps, Outcome } from './route-effects.js';
import { lockTicket, type CustomerLine, type LockedTicket } from './routing-context.js';

type HttpRequest = { method: HttpMethod; url: string; headers: Record<string, string>; body?: string; timeoutMs: number };
type AiMessages = Array<{ role: 'user' | 'assistant'; content: string }>;

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** A flow's Wait or question timeout is due; stale tokens are ignored by the engine. */
    'flows.timeout': { companyId: number; sessionId: number; token: string };
    /** A flow's HTTP node: the call runs outside any transaction, its result steps the session. */
    'flows.http': { companyId: number; sessionId: number; requestId: string; request: HttpRequest };
    /** A flow's AI node, through the company's AI integration. */
    'flows.ai': { companyId: number; sessionId: number; requestId: string; systemPrompt: string; messages: AiMessages };
  }
}

/** The SSRF-guarded client (infra/outbound-http.ts); never throws. */
interface FlowHttp {
  request(input: HttpRequest): Promise<{ ok: true; status: number; data: unknown } | { ok: false; error: string; status?: number }>;
}

/** The company's OpenAI-compatible endpoint (modules/flows/ai-client.ts). */
interface FlowAi {
  complete(
    companyId: number,
    input: { systemPrompt: string; messages: AiMessages },
  ): Promise<{ ok: true; text: string } | { ok: false; error: string }>;
}

interface AutoAssign {
  assignIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<unknown>>;
}

export interface FlowRunnerDeps {
  pool: pg.Pool;
  jobs: Jobs;
  events: EventBus;
  outbound: OutboundMessages;
  transports: Transports;
  lookup: TicketLookup;
  logger: Logger;
  tags: FlowEffectDeps['tags'];
  closing: FlowEffectDeps['closing'];
  http?: FlowHttp;
  ai?: FlowAi;
  assignment?: AutoAssign;
  now?: () => Date;
}

// goToFlow chains deeper than this in one step are a loop between flows.
const MAX_FLOW_HOPS = 5;

const menuDeps = (deps: FlowRunnerDeps, ticket: LockedTicket): EffectDeps => {
  const capabilities = deps.transports.of({ type: ticket.connectionType }).capabilities;
  return {
    outbound: deps.outbound,
    capabilities: { buttons: capabilities.maxButtons, listRows: capabilities.maxListRows },
    callbackQuestion: '',
  };
};

/**
 * Runs service flows on bot tickets (PIPELINE.md). Every step happens under the ticket's row lock,
 * in the transaction that applies its effects and saves the session, so a step commits whole or
 * not at all and two nodes never run the same one. Customer lines come from the inbound runner;
 * timeouts and the results of HTTP and AI calls come from this runner's own jobs.
 */
export class FlowRunner {
  private readonly now: () => Date;
  private readonly compiled: CompiledCache = new Map();

  constructor(private readonly deps: FlowRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async register(): Promise<void> {
    const { jobs } = this.deps;
    await jobs.register(
      'flows.timeout',
      ({ companyId, sessionId, token }) => this.runEvent(companyId, sessionId, { type: 'timeout', token }),
      {
        retryLimit: 10,
        retryDelaySeconds: 1,
      },
    );
    // Calls wait on other systems: several at once, none holding a database connection meanwhile.
    await jobs.register('flows.http', (job) => this.callHttp(job), { retryLimit: 3, retryDelaySeconds: 2, concurrency: 4 });
    await jobs.register('flows.ai', (job) => this.callAi(job), { retryLimit: 3, retryDelaySeconds: 2, concurrency: 4 });
  }

  /**
   * A customer line on a bot ticket, inside the inbound runner's locked pass: steps the running
   * session, or starts the connection's flow. False when no flow applies (routing decides then).
   * `ended`: the flow let go of the ticket, so routing must treat it as routed from now on.
   */
  async onCustomerLine(q: Queryable, ticket: LockedTicket, line: CustomerLine, outcome: Outcome): Promise<{ ended: boolean } | false> {
    const running = await runningSessionOf(q, ticket);
    if (running) {
      const event: FlowEvent = { type: 'reply', text: line.body, ...(line.choiceId && { choiceId: line.choiceId }) };
      return { ended: await this.stepIn(q, ticket, running, event, outcome, 0) };
    }
    const flow = await flowToStart(q, ticket);
    if (!flow) return false;
    return { ended: await this.startIn(q, ticket, flow, line.body, outcome, 0) };
  }

  /**
   * The flows' lead-webhook trigger: starts this published flow on a bot ticket that a lead hook
   * just opened, inside the hook's transaction (the lead and the flow's first step commit together).
   * False when the flow is missing or unpublished, or the ticket already runs one.
   */
  async startForLeadIn(
    q: Queryable,
    companyId: number,
    ticketId: number,
    flowId: number,
    text: string,
    outcome: Outcome,
  ): Promise<boolean> {
    const flow = await publishedFlow(q, companyId, flowId);
    const ticket = flow && (await lockTicket(q, ticketId));
    if (!flow || !ticket || ticket.companyId !== companyId || ticket.status !== 'bot') return false;
    if (await runningSessionOf(q, ticket)) return false;
    const ended = await this.startIn(q, ticket, flow, text, outcome, 0);
    if (ended) await markRouted(q, ticket, this.now());
    return true;
  }

  private async startIn(
    q: Queryable,
    ticket: LockedTicket,
    flow: { flowId: number; versionId: number },
    text: string,
    outcome: Outcome,
    hops: number,
  ): Promise<boolean> {
    const compiled = await compiledVersion(this.compiled, q, ticket.companyId, flow.versionId);
    const session = await insertSession(q, ticket, flow, newSession(compiled));
    await recordTicketEvent(q, {
      companyId: ticket.companyId,
      ticketId: ticket.id,
      kind: 'bot-started',
      data: { flowId: flow.flowId, flowVersionId: flow.versionId, sessionId: session.id },
    });
    return this.stepIn(q, ticket, session, { type: 'start', text }, outcome, hops);
  }

  /** One engine step, its effects, its log row and the saved session. Returns whether the session ended. */
  private async stepIn(
    q: Queryable,
    ticket: LockedTicket,
    session: RunningSession,
    event: FlowEvent,
    outcome: Outcome,
    hops: number,
  ): Promise<boolean> {
    const { flow, media } = await loadVersion(this.compiled, q, ticket.companyId, session.flowVersionId);
    const result = step(flow, session.state, event, await flowContextOf(q, ticket, this.now()));
    // A stale timer or call result (the session moved on) is no step: nothing to log or save.
    if (result.session === session.state && event.type !== 'reply') return false;
    session.state = result.session;
    const effectDeps: FlowEffectDeps = {
      ...menuDeps(this.deps, ticket),
      jobs: this.deps.jobs,
      tags: this.deps.tags,
      closing: this.deps.closing,
      versionMedia: media,
    };
    const applied = await applyFlowEffects(effectDeps, q, ticket, session, result.effects, outcome);
    const nodeIds: string[] = [];
    for (const entry of result.log) if (entry.nodeId !== null && nodeIds.at(-1) !== entry.nodeId) nodeIds.push(entry.nodeId);
    const notes = applied.notes.map((note) => ({
      nodeId: session.state.nodeId,
      event: event.type,
      message: note.message,
      level: note.level,
    }));
    await insertStepLog(q, session, { event, nodeIds, effects: result.effects, log: [...result.log, ...notes] });
    await saveSession(q, session, applied.endReason);
    if (applied.endReason === null) return false;

    if (applied.goToFlowId !== null && ticket.status === 'bot' && hops < MAX_FLOW_HOPS) {
      const target = await publishedFlow(q, ticket.companyId, applied.goToFlowId);
      if (target) return this.startIn(q, ticket, target, session.state.lastMessage, outcome, hops + 1);
      this.deps.logger.warn({ sessionId: session.id, flowId: applied.goToFlowId }, 'goToFlow: the flow is missing or unpublished');
    }
    // Ended without a transfer or close (completed, loop, error, a failed goToFlow): people take over.
    await handOver(q, ticket, `flow-${applied.endReason}`);
    return true;
  }

  /** A timeout or a call's result: its own locked pass on the session's ticket. */
  async runEvent(companyId: number, sessionId: number, event: FlowEvent): Promise<void> {
    const outcome = await withTransaction(this.deps.pool, async (client): Promise<Outcome> => {
      const outcome: Outcome = { events: [], wake: [] };
      const ticketId = await ticketOfSession(client, companyId, sessionId);
      const ticket = ticketId === null ? null : await lockTicket(client, ticketId);
      if (!ticket) return outcome;
      // Read after the lock: a takeover or an earlier step committed in between is seen here.
      const session = await runningSessionById(client, companyId, sessionId);
      if (!session || ticket.status !== 'bot') return outcome;
      const before = { status: ticket.status, queueId: ticket.queueId, userId: ticket.userId };
      const ended = await this.stepIn(client, ticket, session, event, outcome, 0);
      if (ended) await markRouted(client, ticket, this.now());
      // Widened again: the step's effects changed the status the check above narrowed.
      const after: LockedTicket = ticket;
      if (after.status === 'pending' && after.queueId !== null) {
        const assigned = await this.deps.assignment?.assignIn(client, ticket.companyId, ticket.id);
        if (assigned) {
          outcome.events.push(...assigned.events);
          outcome.wake.push(...assigned.wake);
        }
      }
      if (after.status !== before.status || after.queueId !== before.queueId) {
        outcome.events.push((await this.deps.lookup.updated(client, ticket.companyId, ticket.id, before)).event);
      }
      return outcome;
    });
    for (const name of new Set(outcome.wake)) this.deps.jobs.nudge(name);
    this.deps.events.publishAll(outcome.events);
  }

  private async callHttp(job: { companyId: number; sessionId: number; requestId: string; request: HttpRequest }): Promise<void> {
    if (!(await this.stillWaiting(job.companyId, job.sessionId, job.requestId))) return;
    const answer = this.deps.http
      ? await this.deps.http.request(job.request)
      : { ok: false as const, error: 'outbound HTTP is not configured' };
    const result = answer.ok ? { ok: true as const, data: answer.data } : { ok: false as const, error: answer.error };
    await this.runEvent(job.companyId, job.sessionId, { type: 'effectResult', requestId: job.requestId, result });
  }

  private async callAi(job: {
    companyId: number;
    sessionId: number;
    requestId: string;
    systemPrompt: string;
    messages: AiMessages;
  }): Promise<void> {
    if (!(await this.stillWaiting(job.companyId, job.sessionId, job.requestId))) return;
    const answer = this.deps.ai
      ? await this.deps.ai.complete(job.companyId, { systemPrompt: job.systemPrompt, messages: job.messages })
      : { ok: false as const, error: 'AI is not configured' };
    const result = answer.ok ? { ok: true as const, data: { text: answer.text } } : { ok: false as const, error: answer.error };
    await this.runEvent(job.companyId, job.sessionId, { type: 'effectResult', requestId: job.requestId, result });
  }

  // A retried job whose result already committed (or a session taken over) skips the call itself.
  private async stillWaiting(companyId: number, sessionId: number, requestId: string): Promise<boolean> {
    const { rows } = await this.deps.pool.query(
      `select 1 from flow_sessions where company_id = $1 and id = $2 and ended_at is null and state->'waiting'->>'requestId' = $3`,
      [companyId, sessionId, requestId],
    );
    return rows.length > 0;
  }
}

/** Routing sees a ticket the flow let go of as routed: no menu or greeting on the customer's next line. */
async function markRouted(q: Queryable, ticket: LockedTicket, now: Date): Promise<void> {
  await q.query(
    `update ticket_routing set state = state || jsonb_build_object('routedAt', $3::text), updated_at = now() where company_id = $1 and ticket_id = $2`,
    [ticket.companyId, ticket.id, now.toISOString()],
  );
}
