import { randomUUID } from 'node:crypto';
import { renderMenu } from '@jimmy/routing';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import { DomainError, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { Done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import type { Transports } from '../connections/index.js';
import {
  handOver,
  lockTicket,
  sendBotMenu,
  sendBotText,
  type CustomerLine,
  type EffectDeps,
  type LockedTicket,
  type Outcome,
} from '../conversation/index.js';
import type { OutboundMessages } from '../messages/index.js';
import { endFlowSessionIn, recordTicketEvent, type TicketLookup, type TicketsService } from '../tickets/index.js';
import type { TypebotCall, TypebotChoice, TypebotClient, TypebotOut } from './typebot-client.js';
import { findTypebotIntegration } from './typebot-settings.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** One startChat / continueChat call for a relayed Typebot session; stale request ids are ignored. */
    'typebot.call': { companyId: number; sessionId: number; requestId: string };
  }
}

interface InFlight {
  requestId: string;
  kind: 'start' | 'continue';
  text?: string;
}

interface SessionRow {
  id: number;
  ticketId: number;
  remoteSessionId: string | null;
  inFlight: InFlight | null;
  queued: string[];
  choices: TypebotChoice[];
}

export interface TypebotRelayDeps {
  pool: pg.Pool;
  jobs: Jobs;
  events: EventBus;
  outbound: OutboundMessages;
  transports: Transports;
  lookup: TicketLookup;
  logger: Logger;
  client: TypebotClient;
  tickets: Pick<TicketsService, 'get'>;
  assignment?: { assignIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<unknown>> };
}

const MENU_BUTTON = 'Ver opções';

/**
 * Relays a ticket's conversation to the company's Typebot (PIPELINE.md). The ticket is `bot` while
 * it runs. Every call to Typebot is a job outside any transaction; its answer is applied in one
 * transaction under the ticket's row lock (messages out through the durable send path, session
 * saved). Customer lines arrive through the inbound runner (once, in order) and wait in the
 * session's queue while a call is in flight. When Typebot ends, fails or times out, people take
 * over as when a service flow ends: the connection's queue or the fallback queue.
 */
export class TypebotRelay {
  constructor(private readonly deps: TypebotRelayDeps) {}

  async register(): Promise<void> {
    // Calls wait on another system: several at once, none holding a database connection meanwhile.
    // A failed call is not retried (the ticket goes to people at once), so the job itself rarely fails.
    await this.deps.jobs.register('typebot.call', (job) => this.call(job), { retryLimit: 3, retryDelaySeconds: 2, concurrency: 4 });
  }

  /** "Enviar para o Typebot": the ticket becomes the bot's; its flow session (if any) ends. */
  async start(auth: AuthContext, ticketId: number): Promise<{ sessionId: number; status: 'starting' }> {
    // Visibility first: another company's (or an invisible) ticket is a 404, whatever the settings.
    await this.deps.tickets.get(auth, ticketId);
    const settings = await findTypebotIntegration(this.deps.pool, auth.companyId);
    if (!settings) throw new DomainError('TYPEBOT_NOT_CONFIGURED', 'Typebot is not configured', 409);
    if (!settings.enabled) throw new DomainError('TYPEBOT_DISABLED', 'Typebot is turned off', 409);
    const outcome: Outcome = { events: [], wake: [] };
    const sessionId = await withTransaction(this.deps.pool, async (q) => {
      const ticket = await lockTicket(q, ticketId);
      if (!ticket || ticket.companyId !== auth.companyId) throw notFound('Ticket');
      if (ticket.status === 'closed') throw new DomainError('TICKET_CLOSED', 'A closed ticket cannot be sent to Typebot', 409);
      const running = await q.query('select 1 from typebot_sessions where ticket_id = $1 and ended_at is null', [ticketId]);
      if (running.rows.length > 0) throw new DomainError('TYPEBOT_ALREADY_RUNNING', 'Typebot is already talking on this ticket', 409);
      await endFlowSessionIn(q, ticket.companyId, ticket.id, 'takeover');
      const before = { status: ticket.status, queueId: ticket.queueId, userId: ticket.userId };
      await q.query(`update tickets set status = 'bot', user_id = null, updated_at = now() where company_id = $1 and id = $2`, [
        ticket.companyId,
        ticket.id,
      ]);
      const requestId = randomUUID();
      const { rows } = await q.query<{ id: string }>(
        `insert into typebot_sessions (company_id, ticket_id, in_flight, started_by) values ($1, $2, $3, $4) returning id`,
        [ticket.companyId, ticket.id, { requestId, kind: 'start' } satisfies InFlight, auth.userId],
      );
      const id = Number(rows[0]!.id);
      await recordTicketEvent(q, {
        companyId: ticket.companyId,
        ticketId: ticket.id,
        kind: 'typebot-started',
        actorUserId: auth.userId,
        data: { sessionId: id, publicId: settings.publicId },
      });
      await this.enqueue(q, ticket.companyId, id, requestId, outcome);
      outcome.events.push((await this.deps.lookup.updated(q, ticket.companyId, ticket.id, before)).event);
      return id;
    });
    this.publish(outcome);
    return { sessionId, status: 'starting' };
  }

  /**
   * A customer line on a bot ticket, inside the inbound runner's locked pass. False when no Typebot
   * session runs (the flow or routing decides then). The line is sent now, or queued behind the call in flight.
   */
  async onCustomerLine(q: Queryable, ticket: LockedTicket, line: CustomerLine, outcome: Outcome): Promise<boolean> {
    const session = await runningSession(q, ticket.companyId, ticket.id);
    if (!session) return false;
    const text = replyText(session.choices, line);
    if (session.inFlight || session.remoteSessionId === null) {
      await q.query(`update typebot_sessions set queued = queued || $2::jsonb, updated_at = now() where id = $1`, [
        session.id,
        JSON.stringify([text]),
      ]);
      return true;
    }
    await this.dispatch(q, ticket.companyId, session.id, text, outcome);
    return true;
  }

  private async dispatch(q: Queryable, companyId: number, sessionId: number, text: string, outcome: Outcome): Promise<void> {
    const requestId = randomUUID();
    await q.query(`update typebot_sessions set in_flight = $2, updated_at = now() where id = $1`, [
      sessionId,
      { requestId, kind: 'continue', text } satisfies InFlight,
    ]);
    await this.enqueue(q, companyId, sessionId, requestId, outcome);
  }

  private async enqueue(q: Queryable, companyId: number, sessionId: number, requestId: string, outcome: Outcome): Promise<void> {
    await this.deps.jobs.send('typebot.call', { companyId, sessionId, requestId }, { within: q, singletonKey: `typebot:${requestId}` });
    outcome.wake.push('typebot.call');
  }

  /** The job: read what to send (no lock held), call Typebot, then apply the answer in its own transaction. */
  private async call(job: { companyId: number; sessionId: number; requestId: string }): Promise<void> {
    const session = await sessionById(this.deps.pool, job.companyId, job.sessionId);
    // Ended (takeover, close) or already answered (a retried job whose result committed): nothing to do.
    if (!session || session.inFlight?.requestId !== job.requestId) return;
    const settings = await findTypebotIntegration(this.deps.pool, job.companyId);
    let result: TypebotCall;
    if (!settings?.enabled) result = { ok: false, reason: 'disabled', error: 'Typebot was turned off' };
    else if (session.inFlight.kind === 'start')
      result = await this.deps.client.start(settings, await this.prefilled(job.companyId, session.ticketId));
    else if (session.remoteSessionId)
      result = await this.deps.client.continue(settings, session.remoteSessionId, session.inFlight.text ?? '');
    else result = { ok: false, reason: 'invalid-response', error: 'Typebot session has no id' };
    if (!result.ok) this.deps.logger.warn({ sessionId: job.sessionId, reason: result.reason, error: result.error }, 'typebot call failed');
    await this.apply(job, result);
  }

  private async apply(job: { companyId: number; sessionId: number; requestId: string }, result: TypebotCall): Promise<void> {
    const outcome = await withTransaction(this.deps.pool, async (q): Promise<Outcome> => {
      const outcome: Outcome = { events: [], wake: [] };
      const first = await sessionById(q, job.companyId, job.sessionId);
      const ticket = first ? await lockTicket(q, first.ticketId) : null;
      if (!ticket) return outcome;
      // Read again after the lock: a takeover or an earlier answer committed in between is seen here.
      const session = await sessionById(q, job.companyId, job.sessionId);
      if (!session || session.inFlight?.requestId !== job.requestId) return outcome;
      if (ticket.status !== 'bot') {
        await endSession(q, session.id, 'takeover');
        return outcome;
      }
      const before = { status: ticket.status, queueId: ticket.queueId, userId: ticket.userId };
      if (!result.ok) {
        await this.finish(q, ticket, session.id, 'failed', { reason: result.reason, error: result.error.slice(0, 300) });
      } else {
        await this.relay(q, ticket, result.turn.messages, result.turn.choices, outcome);
        const remoteId = session.remoteSessionId ?? result.turn.sessionId;
        if (result.turn.ended || remoteId === null) {
          await this.finish(q, ticket, session.id, remoteId === null ? 'failed' : 'completed', {});
        } else {
          const [next, ...rest] = session.queued;
          await q.query(
            `update typebot_sessions set remote_session_id = $2, choices = $3, in_flight = null, queued = $4, updated_at = now() where id = $1`,
            [session.id, remoteId, JSON.stringify(result.turn.choices), JSON.stringify(rest)],
          );
          if (next !== undefined) await this.dispatch(q, ticket.companyId, session.id, next, outcome);
        }
      }
      // Widened again: finish() changed the status the check above narrowed.
      const after: LockedTicket = ticket;
      if (after.status === 'pending' && after.queueId !== null) {
        const assigned = await this.deps.assignment?.assignIn(q, ticket.companyId, ticket.id);
        if (assigned) {
          outcome.events.push(...assigned.events);
          outcome.wake.push(...assigned.wake);
        }
      }
      if (after.status !== before.status || after.queueId !== before.queueId) {
        outcome.events.push((await this.deps.lookup.updated(q, ticket.companyId, ticket.id, before)).event);
      }
      return outcome;
    });
    this.publish(outcome);
  }

  /** Typebot's bubbles in order; a choice input becomes a menu carrying the last text bubble as its prompt. */
  private async relay(q: Queryable, ticket: LockedTicket, messages: TypebotOut[], choices: TypebotChoice[], outcome: Outcome) {
    const deps = this.effectDeps(ticket);
    const lines = messages.map((message) => (message.kind === 'text' ? message.text : message.url));
    const prompt = choices.length > 0 && messages.at(-1)?.kind === 'text' ? lines.pop() : undefined;
    for (const line of lines) await sendBotText(deps, q, ticket, line, outcome);
    if (choices.length > 0) {
      const options = choices.map((choice) => ({ id: choice.id, label: choice.content }));
      await sendBotMenu(deps, q, ticket, renderMenu(prompt ?? 'Escolha uma opção:', options, deps.capabilities, MENU_BUTTON), outcome);
    }
  }

  /** The bot let go (or broke): people take over through the same hand-over a service flow uses. */
  private async finish(
    q: Queryable,
    ticket: LockedTicket,
    sessionId: number,
    reason: 'completed' | 'failed',
    data: Record<string, unknown>,
  ) {
    await endSession(q, sessionId, reason);
    await recordTicketEvent(q, {
      companyId: ticket.companyId,
      ticketId: ticket.id,
      kind: 'typebot-ended',
      data: { sessionId, reason, ...data },
    });
    await handOver(q, ticket, `typebot-${reason}`);
    // Routing must not greet or show its menu on the customer's next line: the ticket is routed.
    await q.query(
      `insert into ticket_routing (ticket_id, company_id, state) values ($1, $2, jsonb_build_object('routedAt', now()::text))
       on conflict (ticket_id) do update set state = ticket_routing.state || jsonb_build_object('routedAt', now()::text), updated_at = now()`,
      [ticket.id, ticket.companyId],
    );
  }

  private effectDeps(ticket: LockedTicket): EffectDeps {
    const capabilities = this.deps.transports.of({ type: ticket.connectionType }).capabilities;
    return {
      outbound: this.deps.outbound,
      capabilities: { buttons: capabilities.maxButtons, listRows: capabilities.maxListRows },
      callbackQuestion: '',
    };
  }

  /** What the bot may greet with: Typebot fills only the variables its flow declares (`name`, `phone`). */
  private async prefilled(companyId: number, ticketId: number): Promise<Record<string, string>> {
    const { rows } = await this.deps.pool.query<{ name: string | null; phone: string | null }>(
      `select c.name, c.phone from tickets t join contacts c on c.id = t.contact_id where t.company_id = $1 and t.id = $2`,
      [companyId, ticketId],
    );
    const row = rows[0];
    return { ...(row?.name && { name: row.name }), ...(row?.phone && { phone: row.phone }) };
  }

  private publish(outcome: Outcome): void {
    for (const name of new Set(outcome.wake)) this.deps.jobs.nudge(name);
    this.deps.events.publishAll(outcome.events);
  }
}

/** A tapped option (its id) or its number is sent back as the item's text, which Typebot matches; anything else as typed. */
function replyText(choices: TypebotChoice[], line: CustomerLine): string {
  const byId = line.choiceId ? choices.find((choice) => choice.id === line.choiceId) : undefined;
  if (byId) return byId.content;
  const number = /^\s*(\d{1,2})\s*$/.exec(line.body);
  const byNumber = number ? choices[Number(number[1]) - 1] : undefined;
  return byNumber ? byNumber.content : line.body;
}

type SessionDbRow = {
  id: string;
  ticket_id: string;
  remote_session_id: string | null;
  in_flight: InFlight | null;
  queued: string[];
  choices: TypebotChoice[];
};

const toSession = (row: SessionDbRow): SessionRow => ({
  id: Number(row.id),
  ticketId: Number(row.ticket_id),
  remoteSessionId: row.remote_session_id,
  inFlight: row.in_flight,
  queued: row.queued,
  choices: row.choices,
});

const SESSION_COLUMNS = 'id, ticket_id, remote_session_id, in_flight, queued, choices';

async function runningSession(q: Queryable, companyId: number, ticketId: number): Promise<SessionRow | null> {
  const { rows } = await q.query<SessionDbRow>(
    `select ${SESSION_COLUMNS} from typebot_sessions where company_id = $1 and ticket_id = $2 and ended_at is null`,
    [companyId, ticketId],
  );
  return rows[0] ? toSession(rows[0]) : null;
}

async function sessionById(q: Queryable, companyId: number, sessionId: number): Promise<SessionRow | null> {
  const { rows } = await q.query<SessionDbRow>(
    `select ${SESSION_COLUMNS} from typebot_sessions where company_id = $1 and id = $2 and ended_at is null`,
    [companyId, sessionId],
  );
  return rows[0] ? toSession(rows[0]) : null;
}

async function endSession(q: Queryable, sessionId: number, reason: string): Promise<void> {
  await q.query(
    `update typebot_sessions set ended_at = now(), end_reason = $2, in_flight = null, queued = '[]', updated_at = now() where id = $1`,
    [sessionId, reason],
  );
}
