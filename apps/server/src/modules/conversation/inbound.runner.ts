import { route, type Reply } from '@jimmy/routing';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { Done } from '../../infra/unit-of-work.js';
import type { Transports } from '../connections/index.js';
import type { OutboundMessages } from '../messages/index.js';
import type { TicketLookup } from '../tickets/index.js';
import { answerCallbackOffer } from './callbacks.js';
import type { FlowRunner } from './flow-runner.js';
import { applyRouteEffects, type EffectDeps, type Outcome } from './route-effects.js';
import {
  fromRoutingState,
  loadPass,
  lockTicket,
  queueOf,
  saveMemory,
  toRoutingState,
  type CustomerLine,
  type LockedTicket,
  type PassContext,
} from './routing-context.js';

/** A closed ticket's survey answers (the surveys module). */
export interface SurveyAnswers {
  answerIn(q: Queryable, ticket: LockedTicket, reply: Reply, messageId: number): Promise<Done<unknown> | null>;
}

/** Gives a ticket that just entered a queue to an available agent (the assignment module). */
interface AutoAssign {
  assignIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<unknown>>;
}

/** Tag rules over the customer's messages (the tags module); returns the events of tags it added. */
interface TagRules {
  applyIn(q: Queryable, ticket: { id: number; companyId: number }, texts: readonly string[]): Promise<PendingEvent[]>;
}

export interface InboundRunnerDeps {
  pool: pg.Pool;
  jobs: Jobs;
  events: EventBus;
  transports: Transports;
  outbound: OutboundMessages;
  lookup: TicketLookup;
  logger: Logger;
  now?: () => Date;
  surveys?: SurveyAnswers;
  assignment?: AutoAssign;
  tagRules?: TagRules;
  /** Service flows: a bot ticket on a connection with a flow talks to it instead of the routing menu. */
  flows?: Pick<FlowRunner, 'onCustomerLine'>;
  /** A Typebot relayed for the ticket takes its lines first; true when it did (modules/integrations). */
  typebot?: { onCustomerLine(q: Queryable, ticket: LockedTicket, line: CustomerLine, outcome: Outcome): Promise<boolean> };
  /** SAAS=on: a read-only (or suspended) company's customer lines are stored but run no automation (plan-limits). */
  paused?: (q: Queryable, companyId: number) => Promise<boolean>;
}

const replyOf = (line: CustomerLine): Reply => ({ text: line.body, ...(line.choiceId && { choiceId: line.choiceId }) });

/**
 * The one place that reacts to customer messages after ingest stored them (PIPELINE.md). A job per
 * stored message names the ticket; the runner locks the ticket row, takes every customer message
 * it has not handled yet, oldest first, decides with pure functions and applies the effects in the
 * same transaction. Concurrent or repeated jobs of one ticket wait on the lock and find nothing
 * left to do, so each message is handled once and in order on any number of nodes.
 */
export class InboundRunner {
  private readonly now: () => Date;

  constructor(private readonly deps: InboundRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async register(): Promise<void> {
    await this.deps.jobs.register('tickets.inbound', ({ ticketId }) => this.run(ticketId), {
      retryLimit: 10,
      retryDelaySeconds: 1,
      // Different tickets run side by side, each job on its own (none waits for another to finish
      // before it starts); jobs of one ticket queue up on its row lock. Kept well under the pool
      // size, so webhooks still find a connection while runners work.
      concurrency: 8,
      // While requests wait for a connection (a surge of webhooks), one runner at a time: storing
      // and acknowledging messages comes first, and the backlog is routed (in order) once it eases.
      slots: () => (this.deps.pool.waitingCount > 0 ? 1 : 8),
      pollingIntervalSeconds: 1,
    });
  }

  async run(ticketId: number): Promise<void> {
    const outcome = await withTransaction(this.deps.pool, (client) => this.step(client, ticketId));
    for (const name of new Set(outcome.wake)) this.deps.jobs.nudge(name);
    this.deps.events.publishAll(outcome.events);
  }

  private async step(q: pg.PoolClient, ticketId: number): Promise<Outcome> {
    const outcome: Outcome = { events: [], wake: [] };
    const ticket = await lockTicket(q, ticketId);
    if (!ticket) return outcome;
    // Its own statement, after the lock (see loadPass).
    const pass = await loadPass(q, ticket);
    const { memory, lines, settings } = pass;
    if (lines.length === 0) return outcome;
    if (await this.deps.paused?.(q, ticket.companyId)) {
      // Marked handled, not left waiting: once the company pays, its bot must not answer days-old lines
      // all at once. The next customer line after that is routed as usual.
      memory.lastHandledMessageId = lines.at(-1)?.id ?? memory.lastHandledMessageId;
      await saveMemory(q, ticket, memory);
      return outcome;
    }
    // Who could see the ticket before this pass: read from the locked row, not a second time.
    const before = { status: ticket.status, queueId: ticket.queueId, userId: ticket.userId };
    const startStatus = ticket.status;
    const startQueue = ticket.queueId;
    // Before routing and whatever the status: every customer line passes the rules exactly once.
    const tagged =
      (await this.deps.tagRules?.applyIn(
        q,
        ticket,
        lines.map((line) => line.body),
      )) ?? [];

    const capabilities = this.deps.transports.of({ type: ticket.connectionType }).capabilities;
    const effectDeps: EffectDeps = {
      outbound: this.deps.outbound,
      capabilities: { buttons: capabilities.maxButtons, listRows: capabilities.maxListRows },
      callbackQuestion: settings.callback.question,
    };

    for (const line of lines) {
      await this.handle(q, ticket, pass, line, effectDeps, outcome);
      memory.lastHandledMessageId = line.id;
    }
    await saveMemory(q, ticket, memory);

    if (ticket.status === 'pending' && ticket.queueId !== null && (startStatus !== 'pending' || startQueue !== ticket.queueId)) {
      const assigned = await this.deps.assignment?.assignIn(q, ticket.companyId, ticket.id);
      if (assigned) {
        outcome.events.push(...assigned.events);
        outcome.wake.push(...assigned.wake);
      }
    }
    if (ticket.status !== startStatus || ticket.queueId !== startQueue || tagged.length > 0) {
      outcome.events.push((await this.deps.lookup.updated(q, ticket.companyId, ticket.id, before)).event);
    }
    return outcome;
  }

  private async handle(
    q: pg.PoolClient,
    ticket: LockedTicket,
    { memory, settings, menu }: PassContext,
    line: CustomerLine,
    effectDeps: EffectDeps,
    outcome: Outcome,
  ): Promise<void> {
    const reply = replyOf(line);
    if (ticket.status === 'closed') {
      const answered = await this.deps.surveys?.answerIn(q, ticket, reply, line.id);
      if (answered) {
        outcome.events.push(...answered.events);
        outcome.wake.push(...answered.wake);
      }
      return;
    }
    // An agent is on it: the bot stays quiet.
    if (ticket.status === 'open') return;
    if (ticket.status === 'bot' && (await this.deps.typebot?.onCustomerLine(q, ticket, line, outcome))) return;
    // Only a bot ticket talks to a flow: once people have it (pending too), the flow never steps again.
    if (ticket.status === 'bot' && this.deps.flows) {
      const flow = await this.deps.flows.onCustomerLine(q, ticket, line, outcome);
      if (flow) {
        if (flow.ended) memory.state = { ...memory.state, routedAt: this.now().toISOString() };
        return;
      }
    }

    const callbackDeps = { ...effectDeps, jobs: this.deps.jobs, replies: { yes: settings.callback.yes, no: settings.callback.no } };
    if (await answerCallbackOffer(callbackDeps, q, ticket, memory, reply, outcome)) return;

    // A ticket an agent moved to a queue outside the menu is still checked against that queue's hours.
    const queues =
      ticket.queueId !== null && !menu.some((queue) => queue.id === String(ticket.queueId))
        ? [...menu, ...[await queueOf(q, ticket.companyId, ticket.queueId)].filter((queue) => queue !== null)]
        : menu;
    const decision = route({
      state: toRoutingState(ticket, memory.state),
      queues,
      settings: settings.routing,
      message: reply,
      capabilities: effectDeps.capabilities,
      lastOutOfHoursPeriodKey: memory.outOfHoursPeriodKey,
      now: this.now(),
    });
    await applyRouteEffects(effectDeps, q, ticket, memory, decision.effects, outcome);
    memory.state = fromRoutingState(decision.state, memory.state);
  }
}
