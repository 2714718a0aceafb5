import type { Ticket } from '@jimmy/contracts';
import type { Effect } from '@jimmy/flow-engine';
import { renderMenu } from '@jimmy/routing';
import type { Queryable } from '../../infra/db/index.js';
import { DomainError } from '../../infra/errors.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Done } from '../../infra/unit-of-work.js';
import { companySettingsOf } from '../companies/index.js';
import { setContactFieldIn } from '../contacts/index.js';
import { flowMediaFileIn } from '../flows/index.js';
import { recordTicketEvent } from '../tickets/index.js';
import type { RunningSession, RuntimeNote } from './flow-sessions.js';
import { sendBotMenu, sendBotText, type EffectDeps, type Outcome } from './route-effects.js';
import type { LockedTicket } from './routing-context.js';

/** The tags module's ticket-tag writes (TagsService implements it). */
interface FlowTags {
  addTicketTagIn(
    q: Queryable,
    companyId: number,
    ticketId: number,
    tagId: number,
    actor: { userId: null; via: 'flow' },
  ): Promise<Done<boolean>>;
  removeTicketTagIn(
    q: Queryable,
    companyId: number,
    ticketId: number,
    tagId: number,
    actor: { userId: null; via: 'flow' },
  ): Promise<Done<boolean>>;
}

/** Closing by the bot and the survey that may follow (tickets and surveys modules). */
interface FlowClosing {
  closeByBotIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<Ticket> | null>;
  sendSurveyIn(q: Queryable, companyId: number, ticket: Ticket): Promise<Done<unknown>>;
}

export interface FlowEffectDeps extends EffectDeps {
  jobs: Pick<Jobs, 'send'>;
  tags: FlowTags;
  closing: FlowClosing;
  /** The session's version's Media URLs, fetched when it was published: url → flow_media id. */
  versionMedia: Readonly<Record<string, number>>;
}

/** What the effects left for the runner to do once the session is saved. */
export interface AppliedStep {
  endReason: string | null;
  goToFlowId: number | null;
  notes: RuntimeNote[];
}

// A tag a flow names that does not exist yet is created, in the neutral grey the console offers first.
const NEW_TAG_COLOR = '#64748b';

const merge = (outcome: Outcome, done: Pick<Done<unknown>, 'events' | 'wake'>): void => {
  outcome.events.push(...done.events);
  outcome.wake.push(...done.wake);
};

async function tagIdByName(
  q: Queryable,
  companyId: number,
  name: string,
  create: boolean,
): Promise<{ id: number; created: boolean } | null> {
  const found = await q.query<{ id: string }>('select id from tags where company_id = $1 and lower(name) = lower($2)', [companyId, name]);
  if (found.rows[0]) return { id: Number(found.rows[0].id), created: false };
  if (!create) return null;
  // Another transaction may create the same name at the same moment: the unique index decides, then re-read.
  const inserted = await q.query<{ id: string }>(
    `insert into tags (company_id, name, color) values ($1, $2, $3) on conflict do nothing returning id`,
    [companyId, name.trim().slice(0, 40), NEW_TAG_COLOR],
  );
  if (inserted.rows[0]) return { id: Number(inserted.rows[0].id), created: true };
  const again = await q.query<{ id: string }>('select id from tags where company_id = $1 and lower(name) = lower($2)', [companyId, name]);
  return again.rows[0] ? { id: Number(again.rows[0].id), created: false } : null;
}

/**
 * Hands a ticket the flow left with the bot to people, as routing would after its menu: the
 * connection's only queue, else the company's fallback queue, else pending without a queue.
 */
export async function handOver(q: Queryable, ticket: LockedTicket, reason: string): Promise<void> {
  if (ticket.status !== 'bot') return;
  const { rows } = await q.query<{ only: string | null }>(
    `select case when count(*) = 1 then min(queue_id) end as only from connection_queues where company_id = $1 and connection_id = $2`,
    [ticket.companyId, ticket.connectionId],
  );
  const fallback = (await companySettingsOf(q, ticket.companyId)).routing.fallbackQueueId;
  const queueId = rows[0]?.only ? Number(rows[0].only) : (fallback ?? null);
  ticket.status = 'pending';
  ticket.queueId = queueId ?? ticket.queueId;
  await q.query(
    `update tickets set status = 'pending', queue_id = $3, updated_at = now() where company_id = $1 and id = $2 and status = 'bot'`,
    [ticket.companyId, ticket.id, ticket.queueId],
  );
  await recordTicketEvent(q, {
    companyId: ticket.companyId,
    ticketId: ticket.id,
    kind: ticket.queueId === null ? 'left-unqueued' : 'queue-assigned',
    data: { ...(ticket.queueId !== null && { queueId: ticket.queueId }), via: 'flow', reason },
  });
}

async function transfer(q: Queryable, ticket: LockedTicket, effect: Extract<Effect, { type: 'transfer' }>, notes: RuntimeNote[]) {
  const queueId = effect.queueId === undefined ? null : Number(effect.queueId);
  const userId = effect.agentId === undefined ? null : Number(effect.agentId);
  const queueOk =
    queueId !== null &&
    Number.isSafeInteger(queueId) &&
    (await q.query('select 1 from queues where company_id = $1 and id = $2', [ticket.companyId, queueId])).rows.length > 0;
  const userOk =
    userId !== null &&
    Number.isSafeInteger(userId) &&
    (await q.query('select 1 from users where company_id = $1 and id = $2 and active', [ticket.companyId, userId])).rows.length > 0;
  if (queueId !== null && !queueOk) notes.push({ level: 'warn', message: `transfer: queue ${effect.queueId} does not exist` });
  if (userId !== null && !userOk) notes.push({ level: 'warn', message: `transfer: agent ${effect.agentId} is not an active user` });
  if (!queueOk && !userOk) return handOver(q, ticket, 'transfer-target-missing');
  const from = { queueId: ticket.queueId, userId: ticket.userId };
  if (queueOk) ticket.queueId = queueId;
  if (userOk) ticket.userId = userId;
  // With an agent the conversation is theirs at once; a queue alone waits in its list (auto-assignment may follow).
  ticket.status = userOk ? 'open' : 'pending';
  await q.query(`update tickets set status = $3, queue_id = $4, user_id = $5, updated_at = now() where company_id = $1 and id = $2`, [
    ticket.companyId,
    ticket.id,
    ticket.status,
    ticket.queueId,
    ticket.userId,
  ]);
  await recordTicketEvent(q, {
    companyId: ticket.companyId,
    ticketId: ticket.id,
    kind: 'transferred',
    data: { fromQueueId: from.queueId, toQueueId: ticket.queueId, fromUserId: from.userId, toUserId: ticket.userId, via: 'flow' },
  });
}

/**
 * A Media node's file: a library item by id, or the file publish fetched for its URL. Sent as a real
 * media message through the send path, in order with the step's other lines; never fetched here.
 */
async function sendMedia(
  deps: FlowEffectDeps,
  q: Queryable,
  ticket: LockedTicket,
  effect: Extract<Effect, { type: 'sendMedia' }>,
  outcome: Outcome,
  notes: RuntimeNote[],
) {
  const id = 'url' in effect.source ? deps.versionMedia[effect.source.url] : Number(effect.source.libraryId);
  const file = id === undefined ? null : await flowMediaFileIn(q, ticket.companyId, id);
  if (!file) {
    const what =
      'url' in effect.source
        ? `media ${effect.source.url} was not fetched when publishing`
        : `media ${effect.source.libraryId} is not in the library`;
    notes.push({ level: 'warn', message: `${what}: not sent` });
    return;
  }
  const sent = await deps.outbound.insertIn(q, ticket.companyId, ticket, {
    author: 'bot',
    userId: null,
    // The file's type decides, not the node's kind: a PDF in an "image" node can only go as a document.
    type: file.kind,
    body: effect.caption ?? '',
    payload: null,
    media: { path: file.path, mime: file.mime, name: file.name, size: file.size },
    status: 'pending',
    send: true,
  });
  merge(outcome, sent);
}

/**
 * Applies one step's effects in the runner's transaction, in order, through the same services the
 * console and routing use. The ticket object is kept in step with its row.
 */
export async function applyFlowEffects(
  deps: FlowEffectDeps,
  q: Queryable,
  ticket: LockedTicket,
  session: RunningSession,
  effects: readonly Effect[],
  outcome: Outcome,
): Promise<AppliedStep> {
  const applied: AppliedStep = { endReason: null, goToFlowId: null, notes: [] };
  const { notes } = applied;
  const actor = { userId: null, via: 'flow' } as const;
  for (const effect of effects) {
    switch (effect.type) {
      case 'sendText':
        // typingMs is not simulated: a delayed send job could be overtaken by the next line's job,
        // and the order of the bot's lines matters more than a typing pause.
        await sendBotText(deps, q, ticket, effect.text, outcome);
        break;
      case 'sendMedia':
        await sendMedia(deps, q, ticket, effect, outcome, notes);
        break;
      case 'sendMenu':
        await sendBotMenu(deps, q, ticket, renderMenu(effect.text, effect.options, deps.capabilities, 'Ver opções'), outcome);
        break;
      case 'setTag': {
        const tag = await tagIdByName(q, ticket.companyId, effect.tag, true);
        if (!tag) break;
        if (tag.created) notes.push({ level: 'info', message: `tag "${effect.tag}" created` });
        merge(outcome, await deps.tags.addTicketTagIn(q, ticket.companyId, ticket.id, tag.id, actor));
        break;
      }
      case 'removeTag': {
        const tag = await tagIdByName(q, ticket.companyId, effect.tag, false);
        if (tag) merge(outcome, await deps.tags.removeTicketTagIn(q, ticket.companyId, ticket.id, tag.id, actor));
        break;
      }
      case 'setContactField': {
        // Only a refused value is a note; a database error must fail the step (its transaction is aborted).
        const refused = await setContactFieldIn(q, ticket.companyId, ticket.contactId, effect.field, effect.value).then(
          () => null,
          (error: unknown) => {
            if (error instanceof DomainError) return error;
            throw error;
          },
        );
        if (refused) notes.push({ level: 'warn', message: `contact field ${effect.field} not saved: ${refused.message}` });
        else outcome.events.push({ event: 'contact.changed', payload: { companyId: ticket.companyId, contactId: ticket.contactId } });
        break;
      }
      case 'setVariable':
      case 'log':
        // Kept in the session's variables and the step log, which the runner saves.
        break;
      case 'transfer':
        await transfer(q, ticket, effect, notes);
        break;
      case 'closeTicket': {
        const closed = await deps.closing.closeByBotIn(q, ticket.companyId, ticket.id);
        if (!closed) break;
        ticket.status = 'closed';
        merge(outcome, closed);
        if (effect.survey) merge(outcome, await deps.closing.sendSurveyIn(q, ticket.companyId, closed.value));
        break;
      }
      case 'startSurvey':
        // The survey is asked by the closeTicket that follows (the surveys module asks on closing,
        // and the customer's answer still lands on this ticket).
        break;
      case 'httpRequest': {
        const { type: _type, requestId, ...request } = effect;
        await deps.jobs.send(
          'flows.http',
          { companyId: session.companyId, sessionId: session.id, requestId, request },
          { within: q, singletonKey: `flow-http:${session.id}:${requestId}` },
        );
        outcome.wake.push('flows.http');
        break;
      }
      case 'aiRequest':
        await deps.jobs.send(
          'flows.ai',
          {
            companyId: session.companyId,
            sessionId: session.id,
            requestId: effect.requestId,
            systemPrompt: effect.systemPrompt,
            messages: effect.messages,
          },
          { within: q, singletonKey: `flow-ai:${session.id}:${effect.requestId}` },
        );
        outcome.wake.push('flows.ai');
        break;
      case 'scheduleTimeout':
        // Real time, not the runner's clock: the job queue's timers run on the database's clock.
        await deps.jobs.send(
          'flows.timeout',
          { companyId: session.companyId, sessionId: session.id, token: effect.token },
          { within: q, startAfter: new Date(Date.now() + effect.delayMs), singletonKey: `flow-timeout:${session.id}:${effect.token}` },
        );
        break;
      case 'goToFlow':
        applied.goToFlowId = Number(effect.flowId);
        break;
      case 'end':
        applied.endReason = effect.reason;
        break;
      default: {
        const unknown: never = effect;
        throw new Error(`unknown flow effect ${JSON.stringify(unknown)}`);
      }
    }
  }
  return applied;
}
