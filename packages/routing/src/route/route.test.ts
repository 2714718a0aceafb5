import { describe, expect, it } from 'vitest';
import { hoursStatus } from '../hours/hoursStatus.js';
import { testSchedule } from '../hours/testSchedule.js';
import { describeEffect } from './describeEffect.js';
import { route } from './route.js';
import type { RouteInput, RoutingQueue, RoutingSettings, RoutingState } from './types.js';

const weekdays = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const company = testSchedule({ weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } });

const sales: RoutingQueue = {
  id: 'sales',
  name: 'Vendas',
  greeting: 'Bem-vindo a Vendas!',
  schedule: testSchedule({ weekly: { mon: weekdays, sat: [{ start: '09:00', end: '13:00' }] } }),
};
const support: RoutingQueue = { id: 'support', name: 'Suporte', greeting: 'Bem-vindo ao Suporte!' };
const finance: RoutingQueue = { id: 'finance', name: 'Financeiro' };

const settings: RoutingSettings = {
  greeting: 'Olá! Sou o assistente da Loja.',
  fallbackQueueId: 'support',
  invalidOptionMessage: 'Não entendi.',
  outOfHours: { closedMessage: 'Estamos fechados.', breakMessage: 'Estamos no almoço.', offerCallback: true },
  schedule: company,
};

// São Paulo is UTC-3; 2025-06-02 is a Monday, 2025-06-07 a Saturday.
const OPEN = '2025-06-02T13:00:00Z'; // Monday 10:00
const BREAK = '2025-06-02T15:30:00Z'; // Monday 12:30
const CLOSED = '2025-06-02T23:00:00Z'; // Monday 20:00
const SATURDAY = '2025-06-07T13:00:00Z'; // Saturday 10:00

const fresh: RoutingState = { queueId: null, menuAttempts: 0 };
const awaiting = (menuAttempts: number): RoutingState => ({ queueId: null, menuAttempts, menuSentAt: new Date('2025-06-02T12:59:00Z') });

function input(overrides: Partial<RouteInput> & { at?: string }): RouteInput {
  const { at = OPEN, ...rest } = overrides;
  return {
    state: fresh,
    queues: [sales, support, finance],
    settings,
    message: { text: 'Oi' },
    capabilities: { buttons: 3, listRows: 10 },
    now: new Date(at),
    ...rest,
  };
}

const cases: Array<[string, RouteInput, string[]]> = [
  [
    'no queues, open: pending unqueued with the greeting',
    input({ queues: [] }),
    ['set-status:pending', 'record-event:left-unqueued', 'send-text:greeting'],
  ],
  [
    'no queues, closed: pending unqueued, closed message and callback offer',
    input({ queues: [], at: CLOSED }),
    ['set-status:pending', 'record-event:left-unqueued', 'send-text:closed', 'offer-callback', 'record-event:out-of-hours-notified'],
  ],
  [
    'one queue: straight to it',
    input({ queues: [support] }),
    ['set-queue:support', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  [
    'one queue, lunch break: waits in it, break message',
    input({ queues: [support], at: BREAK }),
    [
      'set-queue:support',
      'set-status:pending',
      'record-event:queue-assigned',
      'send-text:break',
      'offer-callback',
      'record-event:out-of-hours-notified',
    ],
  ],
  [
    'one queue without greeting: the company greeting',
    input({ queues: [finance] }),
    ['set-queue:finance', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  ['several queues, first message: greeting and menu', input({}), ['send-text:greeting', 'send-menu:buttons', 'record-event:menu-sent']],
  [
    'several queues, no greeting set: just the menu',
    input({ settings: { ...settings, greeting: undefined } }),
    ['send-menu:buttons', 'record-event:menu-sent'],
  ],
  [
    'four queues on a list-only channel: a list',
    input({ queues: [sales, support, finance, { id: 'x', name: 'Outros' }], capabilities: { buttons: 0, listRows: 10 } }),
    ['send-text:greeting', 'send-menu:list', 'record-event:menu-sent'],
  ],
  [
    'valid answer by number',
    input({ state: awaiting(0), message: { text: '2' } }),
    ['set-queue:support', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  [
    'valid answer by button id',
    input({ state: awaiting(1), message: { choiceId: 'sales' } }),
    ['set-queue:sales', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  [
    'valid answer, queue without greeting',
    input({ state: awaiting(0), message: { text: 'financeiro' } }),
    ['set-queue:finance', 'set-status:pending', 'record-event:queue-assigned'],
  ],
  [
    '1st invalid answer: menu again',
    input({ state: awaiting(0), message: { text: 'hã?' } }),
    ['send-text:invalid-option', 'record-event:invalid-option', 'send-menu:buttons', 'record-event:menu-sent'],
  ],
  [
    '2nd invalid answer: menu again',
    input({ state: awaiting(1), message: { text: '9' } }),
    ['send-text:invalid-option', 'record-event:invalid-option', 'send-menu:buttons', 'record-event:menu-sent'],
  ],
  [
    'invalid answer without an invalid-option message: only the menu',
    input({ state: awaiting(0), settings: { ...settings, invalidOptionMessage: undefined } }),
    ['record-event:invalid-option', 'send-menu:buttons', 'record-event:menu-sent'],
  ],
  [
    '3rd invalid answer: the fallback queue',
    input({ state: awaiting(2) }),
    ['set-queue:support', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  [
    '3rd invalid answer without fallback: unqueued, no second greeting',
    input({ state: awaiting(2), settings: { ...settings, fallbackQueueId: undefined } }),
    ['set-status:pending', 'record-event:left-unqueued'],
  ],
  [
    'maxMenuAttempts 1: the first invalid answer falls back',
    input({ state: awaiting(0), settings: { ...settings, maxMenuAttempts: 1 } }),
    ['set-queue:support', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  [
    'fallback queue outside the connection: set anyway, company hours',
    input({ state: awaiting(2), at: CLOSED, settings: { ...settings, fallbackQueueId: 'elsewhere' } }),
    [
      'set-queue:elsewhere',
      'set-status:pending',
      'record-event:queue-assigned',
      'send-text:closed',
      'offer-callback',
      'record-event:out-of-hours-notified',
    ],
  ],
  // The company is closed on Saturdays; Vendas has its own Saturday hours.
  [
    'queue schedule open while the company is closed',
    input({ state: awaiting(0), message: { text: 'vendas' }, at: SATURDAY }),
    ['set-queue:sales', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  [
    'queue without a schedule follows the company',
    input({ state: awaiting(0), message: { text: 'suporte' }, at: SATURDAY }),
    [
      'set-queue:support',
      'set-status:pending',
      'record-event:queue-assigned',
      'send-text:closed',
      'offer-callback',
      'record-event:out-of-hours-notified',
    ],
  ],
  [
    'queue schedule closed while the company is open (Vendas works Mondays only)',
    input({ state: awaiting(0), message: { text: 'vendas' }, at: '2025-06-03T13:00:00Z' }),
    [
      'set-queue:sales',
      'set-status:pending',
      'record-event:queue-assigned',
      'send-text:closed',
      'offer-callback',
      'record-event:out-of-hours-notified',
    ],
  ],
  [
    'no callback offer when the setting is off',
    input({ queues: [support], at: CLOSED, settings: { ...settings, outOfHours: { ...settings.outOfHours, offerCallback: false } } }),
    ['set-queue:support', 'set-status:pending', 'record-event:queue-assigned', 'send-text:closed', 'record-event:out-of-hours-notified'],
  ],
  [
    'no schedule anywhere: always open',
    input({ queues: [finance], at: CLOSED, settings: { ...settings, schedule: undefined } }),
    ['set-queue:finance', 'set-status:pending', 'record-event:queue-assigned', 'send-text:greeting'],
  ],
  [
    'menu is sent out of hours too (queues may differ)',
    input({ at: CLOSED }),
    ['send-text:greeting', 'send-menu:buttons', 'record-event:menu-sent'],
  ],
  ['already in a queue, open: nothing to do', input({ state: { queueId: 'support', menuAttempts: 0 } }), []],
  [
    'already in a queue, closed: the closed message',
    input({ state: { queueId: 'support', menuAttempts: 0 }, at: CLOSED }),
    ['send-text:closed', 'offer-callback', 'record-event:out-of-hours-notified'],
  ],
  [
    'left unqueued earlier: no second greeting',
    input({ queues: [], state: { queueId: null, menuAttempts: 0, routedAt: new Date(OPEN) } }),
    [],
  ],
];

describe('route', () => {
  it.each(cases)('%s', (_name, routeInput, expected) => {
    expect(route(routeInput).effects.map(describeEffect)).toEqual(expected);
  });
});

describe('route details', () => {
  it('the first menu lists the queues in order and starts waiting for an answer', () => {
    const decision = route(input({ settings: { ...settings, menuPrompt: 'Com quem quer falar?' } }));
    expect(decision.effects).toContainEqual({
      type: 'send-menu',
      menu: {
        kind: 'buttons',
        body: 'Com quem quer falar?',
        buttons: [
          { id: 'sales', title: 'Vendas' },
          { id: 'support', title: 'Suporte' },
          { id: 'finance', title: 'Financeiro' },
        ],
      },
    });
    expect(decision.state).toEqual({ queueId: null, menuAttempts: 0, menuSentAt: new Date(OPEN) });
  });

  it('invalid answers are counted in the state', () => {
    expect(route(input({ state: awaiting(1), message: { text: 'hã?' } })).state).toMatchObject({ queueId: null, menuAttempts: 2 });
  });

  it('a chosen queue is recorded with how the answer matched', () => {
    const decision = route(input({ state: awaiting(1), message: { text: 'opção 3' } }));
    expect(decision.effects).toContainEqual({
      type: 'record-event',
      event: { kind: 'queue-assigned', queueId: 'finance', by: 'menu', matchedBy: 'number' },
    });
    expect(decision.state).toEqual({ queueId: 'finance', menuAttempts: 1, menuSentAt: awaiting(1).menuSentAt, routedAt: new Date(OPEN) });
  });

  it('the fallback is recorded as such', () => {
    expect(route(input({ state: awaiting(2) })).effects).toContainEqual({
      type: 'record-event',
      event: { kind: 'queue-assigned', queueId: 'support', by: 'fallback' },
    });
  });

  it('out of hours: one message per period, again in the next one', () => {
    const tonight = route(input({ queues: [support], at: CLOSED }));
    const periodKey = hoursStatus(company, new Date(CLOSED)).periodKey;
    const opensAt = new Date('2025-06-03T11:00:00Z');
    expect(tonight.effects).toContainEqual({ type: 'send-text', text: 'Estamos fechados.', reason: 'closed' });
    expect(tonight.effects).toContainEqual({ type: 'offer-callback', queueId: 'support', opensAt });
    expect(tonight.effects).toContainEqual({
      type: 'record-event',
      event: { kind: 'out-of-hours-notified', queueId: 'support', state: 'closed', periodKey, opensAt },
    });

    const routed = tonight.state;
    const laterTonight = route(input({ state: routed, at: '2025-06-03T02:00:00Z', lastOutOfHoursPeriodKey: periodKey }));
    expect(laterTonight.effects).toEqual([]);

    const tomorrowNight = route(input({ state: routed, at: '2025-06-03T23:00:00Z', lastOutOfHoursPeriodKey: periodKey }));
    expect(tomorrowNight.effects.map(describeEffect)).toEqual(['send-text:closed', 'offer-callback', 'record-event:out-of-hours-notified']);
  });
});
