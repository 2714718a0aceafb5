import { effectiveSchedule } from '../hours/effectiveSchedule.js';
import { matchOption } from '../menu/matchOption.js';
import { renderMenu } from '../menu/renderMenu.js';
import { toEpochMs } from '../toEpochMs.js';
import { outOfHoursEffects } from './outOfHoursEffects.js';
import type { AssignedBy, RouteDecision, RouteEffect, RouteInput, RoutingQueue } from './types.js';

export const DEFAULT_MENU_PROMPT = 'Escolha uma opção:';
export const DEFAULT_MAX_MENU_ATTEMPTS = 3;

function greetingEffect(text: string | undefined): RouteEffect[] {
  return text ? [{ type: 'send-text', text, reason: 'greeting' }] : [];
}

/** The ticket joins a queue; a greeting only while it is open, else the out-of-hours message. */
function assign(
  input: RouteInput,
  queueId: string,
  by: AssignedBy,
  greeting: string | undefined,
  matchedBy?: 'id' | 'number' | 'text',
): RouteDecision {
  const queue = input.queues.find((candidate) => candidate.id === queueId);
  const hours = outOfHoursEffects(effectiveSchedule(input.settings.schedule, queue?.schedule), input, queueId);
  return {
    effects: [
      { type: 'set-queue', queueId },
      { type: 'set-status', status: 'pending' },
      { type: 'record-event', event: { kind: 'queue-assigned', queueId, by, ...(matchedBy ? { matchedBy } : {}) } },
      ...(hours.open ? greetingEffect(greeting) : hours.effects),
    ],
    state: { ...input.state, queueId, routedAt: new Date(toEpochMs(input.now)) },
  };
}

/** Agents still see the ticket, without a queue (the unqueued visibility setting decides who). */
function leaveUnqueued(input: RouteInput, reason: 'no-queues' | 'no-fallback', greeting: string | undefined): RouteDecision {
  const hours = outOfHoursEffects(effectiveSchedule(input.settings.schedule), input, null);
  return {
    effects: [
      { type: 'set-status', status: 'pending' },
      { type: 'record-event', event: { kind: 'left-unqueued', reason } },
      ...(hours.open ? greetingEffect(greeting) : hours.effects),
    ],
    state: { ...input.state, routedAt: new Date(toEpochMs(input.now)) },
  };
}

function sendMenu(input: RouteInput, attempts: number, before: RouteEffect[]): RouteDecision {
  const { settings, queues, capabilities } = input;
  const options = queues.map((queue) => ({ id: queue.id, label: queue.name }));
  const menu = renderMenu(settings.menuPrompt ?? DEFAULT_MENU_PROMPT, options, capabilities, settings.listButtonLabel);
  return {
    effects: [...before, { type: 'send-menu', menu }, { type: 'record-event', event: { kind: 'menu-sent', attempt: attempts } }],
    state: { ...input.state, queueId: null, menuAttempts: attempts, menuSentAt: new Date(toEpochMs(input.now)) },
  };
}

/**
 * Decides where a ticket without a flow goes, from data only. One queue: straight to it. Several:
 * greeting and menu, the answer picks the queue, and after `maxMenuAttempts` invalid answers the
 * fallback queue (or no queue). No queues: pending without a queue. Whenever the ticket lands out
 * of hours it still waits in its queue, and the customer gets the closed or break message once
 * per period. A ticket already routed (or put in a queue by an agent) only gets that check.
 */
export function route(input: RouteInput): RouteDecision {
  const { state, queues, settings } = input;
  if (state.queueId !== null || state.routedAt) {
    const queue = queues.find((candidate) => candidate.id === state.queueId);
    const hours = outOfHoursEffects(effectiveSchedule(settings.schedule, queue?.schedule), input, state.queueId);
    return { effects: hours.effects, state };
  }

  const [first] = queues;
  if (!first) return leaveUnqueued(input, 'no-queues', settings.greeting);
  if (queues.length === 1) return assign(input, first.id, 'single-queue', first.greeting ?? settings.greeting);
  if (!state.menuSentAt) return sendMenu(input, 0, greetingEffect(settings.greeting));

  const match = matchOption(
    input.message,
    queues.map((queue): { id: string; label: string; queue: RoutingQueue } => ({ id: queue.id, label: queue.name, queue })),
  );
  if (match.kind === 'match') return assign(input, match.option.id, 'menu', match.option.queue.greeting, match.by);

  const attempts = state.menuAttempts + 1;
  if (attempts < Math.max(1, settings.maxMenuAttempts ?? DEFAULT_MAX_MENU_ATTEMPTS)) {
    const invalid: RouteEffect[] = settings.invalidOptionMessage
      ? [{ type: 'send-text', text: settings.invalidOptionMessage, reason: 'invalid-option' }]
      : [];
    return sendMenu(input, attempts, [...invalid, { type: 'record-event', event: { kind: 'invalid-option', attempts } }]);
  }
  const exhausted = { ...input, state: { ...state, menuAttempts: attempts } };
  const fallbackId = settings.fallbackQueueId;
  if (fallbackId === undefined) return leaveUnqueued(exhausted, 'no-fallback', undefined);
  const fallback = queues.find((queue) => queue.id === fallbackId);
  return assign(exhausted, fallbackId, 'fallback', fallback?.greeting);
}
