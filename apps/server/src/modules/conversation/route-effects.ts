import { menuAsText, renderMenu, type MenuCapabilities, type MenuMessage, type RouteEffect, type RoutingEvent } from '@jimmy/routing';
import type { Queryable } from '../../infra/db/index.js';
import type { PendingEvent } from '../../infra/events.js';
import type { JobName } from '../../infra/jobs.js';
import type { OutboundMessages } from '../messages/index.js';
import { recordTicketEvent, type TicketEventKind } from '../tickets/index.js';
import type { LockedTicket, RunnerMemory } from './routing-context.js';

export const CALLBACK_YES = 'callback:yes';
export const CALLBACK_NO = 'callback:no';

/** Everything one runner pass produced, published and woken after its commit. */
export interface Outcome {
  events: PendingEvent[];
  wake: JobName[];
}

export interface EffectDeps {
  outbound: OutboundMessages;
  capabilities: MenuCapabilities;
  callbackQuestion: string;
}

const EVENT_KIND: Record<RoutingEvent['kind'], TicketEventKind> = {
  'menu-sent': 'menu-sent',
  'invalid-option': 'invalid-option',
  'queue-assigned': 'queue-assigned',
  'left-unqueued': 'left-unqueued',
  'out-of-hours-notified': 'out-of-hours-notified',
};

/** A bot line through the durable send path (row + send job in this transaction). */
export async function sendBotText(deps: EffectDeps, q: Queryable, ticket: LockedTicket, text: string, outcome: Outcome): Promise<void> {
  const sent = await deps.outbound.insertIn(q, ticket.companyId, ticket, {
    author: 'bot',
    userId: null,
    type: 'text',
    body: text,
    payload: null,
    status: 'pending',
    send: true,
  });
  outcome.events.push(...sent.events);
  outcome.wake.push(...sent.wake);
}

/** A menu, rendered natively by the channel's transport or as numbered text; its body is always the text form. */
export async function sendBotMenu(
  deps: EffectDeps,
  q: Queryable,
  ticket: LockedTicket,
  menu: MenuMessage,
  outcome: Outcome,
): Promise<void> {
  const sent = await deps.outbound.insertIn(q, ticket.companyId, ticket, {
    author: 'bot',
    userId: null,
    type: 'interactive',
    body: menuAsText(menu),
    payload: { menu },
    status: 'pending',
    send: true,
  });
  outcome.events.push(...sent.events);
  outcome.wake.push(...sent.wake);
}

/**
 * Applies routing's decisions in the runner's transaction, in order. The ticket object is kept in
 * step with the rows so later effects (and the caller) see the new queue and status.
 */
export async function applyRouteEffects(
  deps: EffectDeps,
  q: Queryable,
  ticket: LockedTicket,
  memory: RunnerMemory,
  effects: readonly RouteEffect[],
  outcome: Outcome,
): Promise<void> {
  for (let index = 0; index < effects.length; index++) {
    const effect = effects[index]!;
    switch (effect.type) {
      case 'send-text':
        await sendBotText(deps, q, ticket, effect.text, outcome);
        break;
      case 'send-menu':
        await sendBotMenu(deps, q, ticket, effect.menu, outcome);
        break;
      case 'set-queue': {
        ticket.queueId = Number(effect.queueId);
        // Routing joins a queue and becomes pending together: one update for both.
        const next = effects[index + 1];
        if (next?.type === 'set-status') {
          index++;
          if (ticket.status === 'bot') ticket.status = next.status;
          await q.query(
            `update tickets set queue_id = $2, status = case when status = 'bot' then $3 else status end, updated_at = now() where id = $1`,
            [ticket.id, ticket.queueId, next.status],
          );
          break;
        }
        await q.query('update tickets set queue_id = $2, updated_at = now() where id = $1', [ticket.id, ticket.queueId]);
        break;
      }
      case 'set-status':
        if (ticket.status === 'bot') {
          ticket.status = effect.status;
          await q.query(`update tickets set status = $2, updated_at = now() where id = $1 and status = 'bot'`, [ticket.id, effect.status]);
        }
        break;
      case 'offer-callback': {
        const { rows } = await q.query<{ id: string }>(
          `insert into callback_requests (company_id, ticket_id, contact_id, queue_id, status, opens_at) values ($1, $2, $3, $4, 'offered', $5) returning id`,
          [ticket.companyId, ticket.id, ticket.contactId, effect.queueId === null ? null : Number(effect.queueId), effect.opensAt],
        );
        memory.state = { ...memory.state, callbackOfferId: Number(rows[0]!.id) };
        const options = [
          { id: CALLBACK_YES, label: 'Sim' },
          { id: CALLBACK_NO, label: 'Não' },
        ];
        await sendBotMenu(deps, q, ticket, renderMenu(deps.callbackQuestion, options, deps.capabilities), outcome);
        await recordTicketEvent(q, {
          companyId: ticket.companyId,
          ticketId: ticket.id,
          kind: 'callback-offered',
          data: { queueId: effect.queueId === null ? null : Number(effect.queueId), opensAt: effect.opensAt?.toISOString() ?? null },
        });
        break;
      }
      case 'record-event': {
        const { kind, ...data } = effect.event;
        if (effect.event.kind === 'out-of-hours-notified') memory.outOfHoursPeriodKey = effect.event.periodKey;
        const normalized = Object.fromEntries(
          Object.entries(data).map(([key, value]) => [
            key,
            value instanceof Date ? value.toISOString() : key === 'queueId' && typeof value === 'string' ? Number(value) : value,
          ]),
        );
        await recordTicketEvent(q, { companyId: ticket.companyId, ticketId: ticket.id, kind: EVENT_KIND[kind], data: normalized });
        break;
      }
      default: {
        const unknown: never = effect;
        throw new Error(`unknown route effect ${JSON.stringify(unknown)}`);
      }
    }
  }
}
