import { describe, expect, it } from 'vitest';
import { describeEffect } from './describeEffect.js';
import type { RouteEffect } from './types.js';

const cases: Array<[RouteEffect, string]> = [
  [{ type: 'send-text', text: 'Olá', reason: 'greeting' }, 'send-text:greeting'],
  [{ type: 'send-menu', menu: { kind: 'text', body: '1 - Vendas' } }, 'send-menu:text'],
  [{ type: 'set-queue', queueId: 'q1' }, 'set-queue:q1'],
  [{ type: 'set-status', status: 'pending' }, 'set-status:pending'],
  [{ type: 'offer-callback', queueId: null, opensAt: null }, 'offer-callback'],
  [{ type: 'record-event', event: { kind: 'menu-sent', attempt: 0 } }, 'record-event:menu-sent'],
];

describe('describeEffect', () => {
  it.each(cases)('%j → %s', (effect, expected) => {
    expect(describeEffect(effect)).toBe(expected);
  });
});
