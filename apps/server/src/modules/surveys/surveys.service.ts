import type pg from 'pg';
import { menuAsText, type Reply } from '@jimmy/routing';
import type { Ticket } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { JobName, Jobs } from '../../infra/jobs.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import { companySettingsOf } from '../companies/index.js';
import type { Transports } from '../connections/index.js';
import type { OutboundMessages } from '../messages/index.js';
import { recordTicketEvent, type TicketLookup } from '../tickets/index.js';
import { commentOf, LOW_SCORE, scoreOf, surveyClaims, surveyMenu, type AwaitingSurvey } from './survey-reply.js';
import { surveysRepository as repo } from './surveys.repository.js';
import './surveys.events.js';

const HOUR_MS = 60 * 60 * 1000;

export interface SurveysServiceDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Pick<Jobs, 'send' | 'nudge' | 'register'>;
  outbound: Pick<OutboundMessages, 'insertIn'>;
  lookup: TicketLookup;
  transports: Pick<Transports, 'of'>;
  /** The clock, injectable so expiry can be tested without waiting hours. */
  now?: () => Date;
}

/**
 * The satisfaction survey: asked when a ticket closes (per the company's setting), answered by the
 * customer's next messages (score, then an optional comment), expired by a job after `expiryHours`.
 */
export class SurveysService {
  private readonly now: () => Date;

  constructor(private readonly deps: SurveysServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async registerJobs(): Promise<void> {
    // Expiry is hours away and never urgent: a slow poll keeps this queue off the (embedded: single) connection.
    await this.deps.jobs.register('surveys.expire', ({ surveyId }) => this.expire(surveyId), { retryLimit: 5, pollingIntervalSeconds: 30 });
  }

  /**
   * In the closing transaction: sends the survey when the company's mode says so (`agent`: the
   * agent's choice, else the setting's default) and the customer really talked on this ticket.
   * Returns the survey and the ticket as it is after the question was written, or null when none was sent.
   */
  async sendIn(
    q: Queryable,
    companyId: number,
    ticket: Ticket,
    closedByUserId: number | null,
    requested?: boolean,
  ): Promise<Done<{ survey: AwaitingSurvey; ticket: Ticket } | null>> {
    const settings = (await companySettingsOf(q, companyId)).survey;
    // When the agent decides, only an explicit `sendSurvey: true` sends (API-CONTRACT): an integrator's
    // plain close must not start talking to the customer. `agentDefault` only ticks the console's checkbox.
    const wanted = settings.mode === 'always' || (settings.mode === 'agent' && requested === true);
    if (!wanted) return done(null);
    if (!(await repo.hadCustomerMessage(q, companyId, ticket.id))) return done(null);
    if (await repo.existsForTicket(q, companyId, ticket.id)) return done(null);

    const sentAt = this.now();
    const replaced = await repo.expireAwaitingOf(q, {
      companyId,
      connectionId: ticket.connectionId,
      contactId: ticket.contact.id,
      exceptTicketId: ticket.id,
    });
    for (const old of replaced) {
      await recordTicketEvent(q, {
        companyId,
        ticketId: old.ticketId,
        kind: 'survey-expired',
        data: { surveyId: old.id, reason: 'replaced' },
      });
    }
    const survey = await repo.insert(q, {
      companyId,
      ticketId: ticket.id,
      contactId: ticket.contact.id,
      connectionId: ticket.connectionId,
      userId: ticket.userId,
      queueId: ticket.queueId,
      sentAt,
      expiresAt: new Date(sentAt.getTime() + settings.expiryHours * HOUR_MS),
    });
    if (!survey) return done(null);

    const capabilities = this.deps.transports.of({ type: ticket.connectionType }).capabilities;
    const menu = surveyMenu(settings.question, { buttons: capabilities.maxButtons, listRows: capabilities.maxListRows });
    const question = await this.deps.outbound.insertIn(q, companyId, ticket, {
      author: 'bot',
      userId: null,
      type: 'interactive',
      body: menuAsText(menu),
      payload: { menu },
      status: 'pending',
      send: true,
    });
    await recordTicketEvent(q, {
      companyId,
      ticketId: ticket.id,
      kind: 'survey-sent',
      actorUserId: closedByUserId,
      data: { surveyId: survey.id, messageId: question.value.id, mode: settings.mode },
    });
    await this.deps.jobs.send(
      'surveys.expire',
      { surveyId: survey.id },
      { within: q, startAfter: new Date(survey.expiresAt), singletonKey: `survey-expire:${survey.id}` },
    );
    const after = (await this.deps.lookup.find(q, companyId, ticket.id)) ?? ticket;
    return done({ survey, ticket: after }, question.events, question.wake);
  }

  /** The survey a message from this contact on this connection would answer, if it has not expired. */
  awaitingFor(q: Queryable, connectionId: number, contactId: number): Promise<AwaitingSurvey | null> {
    return repo.awaitingFor(q, connectionId, contactId, this.now());
  }

  /**
   * The inbound runner's call for a customer message that ingest put on a closed ticket because
   * it answers that ticket's awaiting survey; null when the ticket has none (answered meanwhile).
   */
  async answerTicketIn(
    q: Queryable,
    ticket: { id: number; companyId: number },
    reply: Reply,
    messageId: number,
  ): Promise<Done<void> | null> {
    const survey = await repo.awaitingOfTicket(q, ticket.companyId, ticket.id);
    if (!survey || !surveyClaims(survey, reply)) return null;
    return this.answerIn(q, survey, reply, messageId);
  }

  /**
   * Records a claimed reply (see surveyClaims): a score, then the comment when the company asks
   * for one, answering each step on the survey's ticket. A survey answered or expired in the
   * meantime is left alone, so a reply handled twice changes nothing.
   */
  async answerIn(q: Queryable, survey: AwaitingSurvey, reply: Reply, messageId: number | null): Promise<Done<void>> {
    const current = await repo.lock(q, survey.id);
    if (!current) return done(undefined);
    const ticket = await this.deps.lookup.find(q, current.companyId, current.ticketId);
    if (!ticket) return done(undefined);
    const settings = (await companySettingsOf(q, current.companyId)).survey;
    const events: PendingEvent[] = [];
    const wake: JobName[] = [];
    // The bot's line goes after the survey row changes: its ticket.updated then carries the new rating.
    const say = async (body: string) => {
      const sent = await this.deps.outbound.insertIn(q, current.companyId, ticket, {
        author: 'bot',
        userId: null,
        type: 'text',
        body,
        payload: null,
        status: 'pending',
        send: true,
      });
      events.push(...sent.events);
      wake.push(...sent.wake);
    };
    const answered = async (score: number, comment: string | null) => {
      await repo.update(q, current.id, { status: 'answered', score, comment, answeredAt: this.now() });
      await recordTicketEvent(q, {
        companyId: current.companyId,
        ticketId: current.ticketId,
        kind: 'survey-answered',
        data: { surveyId: current.id, score, comment, messageId },
      });
      await say(settings.thanks);
    };

    if (current.status === 'awaiting_score') {
      const score = scoreOf(reply);
      if (score === null) return done(undefined);
      if (settings.commentQuestion) {
        await repo.update(q, current.id, { status: 'awaiting_comment', score });
        await say(settings.commentQuestion);
      } else {
        await answered(score, null);
      }
      if (score <= LOW_SCORE) {
        events.push({
          event: 'survey.low-score',
          payload: {
            companyId: current.companyId,
            ticketId: current.ticketId,
            queueId: current.queueId,
            userId: current.userId,
            score,
            comment: null,
            contactName: await repo.contactName(q, current.companyId, current.contactId),
          },
        });
      }
    } else {
      await answered(current.score ?? 0, commentOf(reply));
    }
    return done(undefined, events, wake);
  }

  /**
   * The expiry job. An unanswered survey expires; one that has its score and waits only for the
   * comment counts as answered without one (the customer did rate).
   */
  expire(surveyId: number): Promise<void> {
    return commit(this.deps, async (q) => {
      const current = await repo.lock(q, surveyId);
      if (!current || new Date(current.expiresAt) > this.now()) return done(undefined);
      if (current.status === 'awaiting_comment' && current.score !== null) {
        await repo.update(q, current.id, { status: 'answered', answeredAt: this.now() });
        await recordTicketEvent(q, {
          companyId: current.companyId,
          ticketId: current.ticketId,
          kind: 'survey-answered',
          data: { surveyId: current.id, score: current.score, comment: null, commentExpired: true },
        });
        return done(undefined);
      }
      await repo.update(q, current.id, { status: 'expired' });
      await recordTicketEvent(q, { companyId: current.companyId, ticketId: current.ticketId, kind: 'survey-expired', data: { surveyId } });
      return done(undefined);
    });
  }
}
