import { matchOption, type Reply } from '@jimmy/routing';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { recordTicketEvent, type TicketLookup } from '../tickets/index.js';
import { CALLBACK_NO, CALLBACK_YES, sendBotText, type EffectDeps, type Outcome } from './route-effects.js';
import type { LockedTicket, RunnerMemory } from './routing-context.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** A callback request surfaces (flagged, on top of its queue) when the queue opens. */
    'callbacks.surface': { callbackId: number };
  }
}

const OPTIONS = [
  { id: CALLBACK_YES, label: 'Sim' },
  { id: CALLBACK_NO, label: 'Não' },
];
const ENGLISH: Record<string, string> = { yes: CALLBACK_YES, no: CALLBACK_NO };

/**
 * The customer's answer to "shall we call you back when we open?". Returns false when the reply is
 * not an answer (the offer stays open and the reply is routed as usual).
 */
export async function answerCallbackOffer(
  deps: EffectDeps & { jobs: Pick<Jobs, 'send'>; replies: { yes: string; no: string } },
  q: Queryable,
  ticket: LockedTicket,
  memory: RunnerMemory,
  reply: Reply,
  outcome: Outcome,
): Promise<boolean> {
  const offerId = memory.state.callbackOfferId;
  if (!offerId) return false;
  const match = matchOption(reply, OPTIONS);
  const english = reply.text ? ENGLISH[reply.text.trim().toLowerCase()] : undefined;
  const choice = match.kind === 'match' ? match.option.id : english;
  if (!choice) return false;
  memory.state = { ...memory.state, callbackOfferId: null };
  const yes = choice === CALLBACK_YES;
  const { rows } = await q.query<{ opens_at: Date | null }>(
    `update callback_requests set status = $3, updated_at = now() where company_id = $1 and id = $2 and status = 'offered' returning opens_at`,
    [ticket.companyId, offerId, yes ? 'requested' : 'declined'],
  );
  const offer = rows[0];
  if (!offer) return true;
  await recordTicketEvent(q, { companyId: ticket.companyId, ticketId: ticket.id, kind: yes ? 'callback-requested' : 'callback-declined' });
  await sendBotText(deps, q, ticket, yes ? deps.replies.yes : deps.replies.no, outcome);
  if (yes) {
    await q.query(`update tickets set callback = 'requested', updated_at = now() where id = $1`, [ticket.id]);
    await deps.jobs.send(
      'callbacks.surface',
      { callbackId: offerId },
      { within: q, startAfter: offer.opens_at ?? new Date(), singletonKey: `callback:${offerId}` },
    );
  }
  return true;
}

/** At the opening: the request is flagged and its ticket jumps to the top of the queue's list. */
export async function registerCallbackJobs(deps: { pool: pg.Pool; jobs: Jobs; events: EventBus; lookup: TicketLookup }): Promise<void> {
  await deps.jobs.register(
    'callbacks.surface',
    async ({ callbackId }) => {
      const events = await withTransaction(deps.pool, async (client) => {
        const { rows } = await client.query<{ company_id: string; ticket_id: string }>(
          `update callback_requests set status = 'surfaced', surfaced_at = now(), updated_at = now()
            where id = $1 and status = 'requested' returning company_id, ticket_id`,
          [callbackId],
        );
        const row = rows[0];
        if (!row) return [];
        const companyId = Number(row.company_id);
        const ticketId = Number(row.ticket_id);
        const before = await deps.lookup.find(client, companyId, ticketId);
        const moved = await client.query(
          `update tickets set callback = 'surfaced', last_message_at = now(), updated_at = now() where id = $1 and status <> 'closed'`,
          [ticketId],
        );
        if (moved.rowCount === 0) return [];
        await recordTicketEvent(client, { companyId, ticketId, kind: 'callback-surfaced', data: { callbackId } });
        return [(await deps.lookup.updated(client, companyId, ticketId, before)).event];
      });
      deps.events.publishAll(events);
    },
    { retryLimit: 10, retryDelaySeconds: 5 },
  );
}
