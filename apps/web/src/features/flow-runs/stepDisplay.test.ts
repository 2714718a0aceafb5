import { describe, expect, it } from 'vitest';
import type { FlowRun } from '@jimmy/contracts';
import { formatDelay, nodeTypesOf, stepDisplay, truncate } from './stepDisplay.js';

type Step = FlowRun['steps'][number];
const step = (over: Partial<Step>): Step => ({
  id: 1,
  event: 'start',
  eventData: {},
  nodeIds: [],
  nodeId: null,
  effects: [],
  variables: {},
  log: [],
  createdAt: '2026-12-03T12:00:00.000Z',
  ...over,
});

describe('stepDisplay', () => {
  it('shows the customer text of a start and a reply with its tapped option', () => {
    expect(stepDisplay(step({ event: 'start', eventData: { text: 'Olá' } })).customerText).toBe('Olá');
    const reply = stepDisplay(step({ event: 'reply', eventData: { text: 'Suporte', choiceId: 'opt2' } }));
    expect([reply.customerText, reply.choiceId]).toEqual(['Suporte', 'opt2']);
    expect(stepDisplay(step({ event: 'timeout', eventData: { token: 't1' } })).customerText).toBeNull();
  });

  it('turns effects into chips and log effects into levelled lines', () => {
    const display = stepDisplay(
      step({
        nodeIds: ['start', 'hello', 'menu'],
        effects: [
          { type: 'sendText', text: `Olá,\n${'a'.repeat(200)}`, typingMs: 0 },
          { type: 'setTag', tag: 'vip' },
          { type: 'transfer', queueId: '7' },
          { type: 'httpRequest', requestId: 'r', method: 'POST', url: 'https://api.example.com/x', headers: {}, timeoutMs: 1 },
          { type: 'aiRequest', requestId: 'r', systemPrompt: 's', messages: [{ role: 'user', content: 'preço?' }] },
          { type: 'scheduleTimeout', token: 't', delayMs: 90_000 },
          { type: 'closeTicket', survey: true },
          { type: 'log', level: 'warn', nodeId: 'menu', message: 'no hours' },
          { type: 'end', reason: 'transfer' },
          { type: 'somethingNew' },
        ],
      }),
    );
    expect(display.nodeIds).toEqual(['start', 'hello', 'menu']);
    expect(display.chips.map((c) => c.type)).toEqual([
      'sendText',
      'setTag',
      'transfer',
      'httpRequest',
      'aiRequest',
      'scheduleTimeout',
      'closeTicket',
      'end',
      'somethingNew',
    ]);
    expect(display.chips[0]!.detail).toHaveLength(80);
    expect(display.chips[0]!.detail.startsWith('Olá, aaa')).toBe(true);
    expect(display.chips[1]!.detail).toBe('vip');
    expect(display.chips[2]).toMatchObject({ queueId: '7' });
    expect(display.chips[2]!.agentId).toBeUndefined();
    expect(display.chips[3]!.detail).toBe('POST https://api.example.com/x');
    expect(display.chips[4]!.detail).toBe('preço?');
    expect(display.chips[5]!.detail).toBe('1 min 30 s');
    expect(display.chips[6]!.survey).toBe(true);
    expect(display.chips[7]!.reason).toBe('transfer');
    expect(display.logs).toEqual([{ level: 'warn', message: 'no hours', nodeId: 'menu' }]);
  });

  it('reads an effect result, the trace with the runtime notes, and sorts the variables', () => {
    const display = stepDisplay(
      step({
        event: 'effectResult',
        eventData: { requestId: 'r', result: { ok: false, error: 'timeout' } },
        log: [
          { nodeId: 'http', event: 'effectResult', message: 'error → fail' },
          { nodeId: 'http', event: 'effectResult', message: 'queue 9 missing', level: 'warn' },
        ],
        variables: { zeta: '1', alfa: '2' },
      }),
    );
    expect([display.resultOk, display.resultError]).toEqual([false, 'timeout']);
    expect(display.trace.map((l) => l.level)).toEqual(['info', 'warn']);
    expect(display.variables).toEqual([
      ['alfa', '2'],
      ['zeta', '1'],
    ]);
  });

  it('formats delays and truncates', () => {
    expect([formatDelay(30_000), formatDelay(300_000), formatDelay(3_600_000), formatDelay(5_400_000)]).toEqual([
      '30 s',
      '5 min',
      '1 h',
      '1 h 30 min',
    ]);
    expect(truncate('curto')).toBe('curto');
  });
});

describe('nodeTypesOf', () => {
  it('maps node ids to types and skips what is not a node', () => {
    const types = nodeTypesOf({ nodes: [{ id: 'a', type: 'menu' }, { id: 2, type: 'x' }, null, { id: 'b', type: 'transfer' }] });
    expect([...types]).toEqual([
      ['a', 'menu'],
      ['b', 'transfer'],
    ]);
    expect(nodeTypesOf(null).size).toBe(0);
  });
});
