import { describe, expect, it } from 'vitest';
import type { Effect } from '../engine/effects.js';
import type { FlowContext, FlowEvent } from '../engine/types.js';
import { fixtureCtx, runEvents, singleNodeFlow } from '../testing/flowFixture.js';

interface Case {
  name: string;
  type: string;
  data: unknown;
  outputs: string[];
  events?: FlowEvent[];
  ctx?: Partial<FlowContext>;
  /** Effects of the last step, and the end node reached (null: still waiting). */
  effects: Effect[];
  reached: string | null;
  variables?: Record<string, string>;
}

const ok = (data: unknown): FlowEvent => ({ type: 'effectResult', requestId: 'n#2', result: { ok: true, data } });
const end: Effect = { type: 'end', reason: 'completed' };
const question = { prompt: 'Seu CPF?', answer: 'cpf', saveAs: 'cpf', maxRetries: 1, timeoutMs: 60_000 };
const menu = {
  text: 'Escolha:',
  options: [
    { id: 'sales', label: 'Vendas' },
    { id: 'support', label: 'Suporte Técnico' },
  ],
  maxRetries: 1,
};
const rule = (source: unknown, operator: string, value = '') => ({ groups: [{ rules: [{ source, operator, value }] }] });

const cases: Case[] = [
  {
    name: 'message renders variables',
    type: 'message',
    data: { text: 'Oi {{contact.name}}!', typingMs: 800 },
    outputs: ['next'],
    ctx: { contact: { fields: { name: 'Ana' }, tags: [] } },
    effects: [{ type: 'sendText', text: 'Oi Ana!', typingMs: 800 }, end],
    reached: 'to-next',
  },
  {
    name: 'media from the library',
    type: 'media',
    data: { kind: 'image', source: { libraryId: 'm1' } },
    outputs: ['next'],
    effects: [{ type: 'sendMedia', kind: 'image', source: { libraryId: 'm1' } }, end],
    reached: 'to-next',
  },
  {
    name: 'question asks and schedules its timeout',
    type: 'question',
    data: question,
    outputs: ['next', 'invalid', 'timeout'],
    effects: [
      { type: 'sendText', text: 'Seu CPF?', typingMs: 0 },
      { type: 'scheduleTimeout', token: 'n#2', delayMs: 60_000 },
    ],
    reached: null,
  },
  {
    name: 'question saves a valid answer',
    type: 'question',
    data: question,
    outputs: ['next', 'invalid', 'timeout'],
    events: [{ type: 'reply', text: '529.982.247-25' }],
    effects: [{ type: 'setVariable', name: 'cpf', value: '52998224725' }, end],
    reached: 'to-next',
    variables: { cpf: '52998224725' },
  },
  {
    name: 'question re-asks after an invalid answer',
    type: 'question',
    data: question,
    outputs: ['next', 'invalid', 'timeout'],
    events: [{ type: 'reply', text: '123' }],
    effects: [{ type: 'sendText', text: 'Não entendi. Pode responder de novo?', typingMs: 0 }],
    reached: null,
  },
  {
    name: 'question leaves by invalid past the retry limit',
    type: 'question',
    data: question,
    outputs: ['next', 'invalid', 'timeout'],
    events: [
      { type: 'reply', text: '123' },
      { type: 'reply', text: '456' },
    ],
    effects: [end],
    reached: 'to-invalid',
  },
  {
    name: 'question leaves by timeout',
    type: 'question',
    data: question,
    outputs: ['next', 'invalid', 'timeout'],
    events: [{ type: 'timeout', token: 'n#2' }],
    effects: [end],
    reached: 'to-timeout',
  },
  {
    name: 'menu sends its options',
    type: 'menu',
    data: menu,
    outputs: ['sales', 'support', 'invalid'],
    effects: [{ type: 'sendMenu', text: 'Escolha:', options: menu.options }],
    reached: null,
  },
  {
    name: 'menu by button id',
    type: 'menu',
    data: menu,
    outputs: ['sales', 'support', 'invalid'],
    events: [{ type: 'reply', text: 'x', choiceId: 'support' }],
    effects: [end],
    reached: 'to-support',
  },
  {
    name: 'menu by number',
    type: 'menu',
    data: menu,
    outputs: ['sales', 'support', 'invalid'],
    events: [{ type: 'reply', text: ' 1 ' }],
    effects: [end],
    reached: 'to-sales',
  },
  {
    name: 'menu by text, accents and case ignored',
    type: 'menu',
    data: menu,
    outputs: ['sales', 'support', 'invalid'],
    events: [{ type: 'reply', text: 'SUPORTE tecnico' }],
    effects: [end],
    reached: 'to-support',
  },
  {
    name: 'menu repeats on an invalid answer',
    type: 'menu',
    data: menu,
    outputs: ['sales', 'support', 'invalid'],
    events: [{ type: 'reply', text: '7' }],
    effects: [
      { type: 'sendText', text: 'Opção inválida. Escolha uma das opções:', typingMs: 0 },
      { type: 'sendMenu', text: 'Escolha:', options: menu.options },
    ],
    reached: null,
  },
  {
    name: 'menu leaves by invalid past the limit',
    type: 'menu',
    data: menu,
    outputs: ['sales', 'support', 'invalid'],
    events: [
      { type: 'reply', text: '7' },
      { type: 'reply', text: 'nada' },
    ],
    effects: [end],
    reached: 'to-invalid',
  },
  {
    name: 'condition on a variable',
    type: 'condition',
    data: rule({ kind: 'variable', name: 'plan' }, 'equals', 'gold'),
    outputs: ['true', 'false'],
    effects: [end],
    reached: 'to-false',
  },
  {
    name: 'condition on a contact field',
    type: 'condition',
    data: rule({ kind: 'contactField', name: 'city' }, 'contains', 'paulo'),
    outputs: ['true', 'false'],
    ctx: { contact: { fields: { city: 'São Paulo' }, tags: [] } },
    effects: [end],
    reached: 'to-true',
  },
  {
    name: 'condition on tags',
    type: 'condition',
    data: rule({ kind: 'tags' }, 'equals', 'vip'),
    outputs: ['true', 'false'],
    ctx: { contact: { fields: {}, tags: ['VIP'] } },
    effects: [end],
    reached: 'to-true',
  },
  {
    name: 'condition on time (12:00 > 09:00)',
    type: 'condition',
    data: rule({ kind: 'time' }, 'greater', '09:00'),
    outputs: ['true', 'false'],
    effects: [end],
    reached: 'to-true',
  },
  {
    name: 'condition on time (12:00 < 11:30 is false)',
    type: 'condition',
    data: rule({ kind: 'time' }, 'less', '11:30'),
    outputs: ['true', 'false'],
    effects: [end],
    reached: 'to-false',
  },
  {
    name: 'condition: empty variable',
    type: 'condition',
    data: rule({ kind: 'variable', name: 'missing' }, 'empty'),
    outputs: ['true', 'false'],
    effects: [end],
    reached: 'to-true',
  },
  {
    name: 'condition: regex on the message',
    type: 'condition',
    data: rule({ kind: 'message' }, 'regex', '^pedido \\d+$'),
    outputs: ['true', 'false'],
    events: [],
    effects: [end],
    reached: 'to-false',
  },
  {
    name: 'condition: AND of an OR group',
    type: 'condition',
    data: {
      match: 'all',
      groups: [
        {
          match: 'any',
          rules: [
            { source: { kind: 'tags' }, operator: 'equals', value: 'x' },
            { source: { kind: 'time' }, operator: 'greater', value: '10:00' },
          ],
        },
        { rules: [{ source: { kind: 'tags' }, operator: 'empty' }] },
      ],
    },
    outputs: ['true', 'false'],
    effects: [end],
    reached: 'to-true',
  },
  {
    name: 'set variable from a template',
    type: 'setVariable',
    data: { name: 'greeting', value: { kind: 'template', template: 'Olá {{contact.name}}' } },
    outputs: ['next'],
    ctx: { contact: { fields: { name: 'Rui' }, tags: [] } },
    effects: [{ type: 'setVariable', name: 'greeting', value: 'Olá Rui' }, end],
    reached: 'to-next',
    variables: { greeting: 'Olá Rui' },
  },
  {
    name: 'set variable to today in the company zone',
    type: 'setVariable',
    data: { name: 'today', value: { kind: 'now', part: 'dateTime' } },
    outputs: ['next'],
    effects: [{ type: 'setVariable', name: 'today', value: '15/06/2026 12:00' }, end],
    reached: 'to-next',
  },
  {
    name: 'set variable weekday',
    type: 'setVariable',
    data: { name: 'day', value: { kind: 'now', part: 'weekday' } },
    outputs: ['next'],
    effects: [{ type: 'setVariable', name: 'day', value: 'segunda-feira' }, end],
    reached: 'to-next',
  },
  {
    name: 'tag add',
    type: 'tag',
    data: { action: 'add', tag: 'lead' },
    outputs: ['next'],
    effects: [{ type: 'setTag', tag: 'lead' }, end],
    reached: 'to-next',
  },
  {
    name: 'tag remove',
    type: 'tag',
    data: { action: 'remove', tag: 'lead' },
    outputs: ['next'],
    effects: [{ type: 'removeTag', tag: 'lead' }, end],
    reached: 'to-next',
  },
  {
    name: 'contact field',
    type: 'contactField',
    data: { field: 'email', value: 'a@b.co' },
    outputs: ['next'],
    effects: [{ type: 'setContactField', field: 'email', value: 'a@b.co' }, end],
    reached: 'to-next',
  },
  {
    name: 'working hours: company on break',
    type: 'workingHours',
    data: { target: { kind: 'company' } },
    outputs: ['open', 'break', 'closed'],
    ctx: { hours: { company: 'break', queues: {} } },
    effects: [end],
    reached: 'to-break',
  },
  {
    name: 'working hours: queue open',
    type: 'workingHours',
    data: { target: { kind: 'queue', queueId: 'q1' } },
    outputs: ['open', 'break', 'closed'],
    ctx: { hours: { company: 'closed', queues: { q1: 'open' } } },
    effects: [end],
    reached: 'to-open',
  },
  {
    name: 'http request asks the server',
    type: 'httpRequest',
    data: { method: 'POST', url: 'https://api.example.com/c?q={{contact.name}}', body: '{"n":"{{contact.name}}"}' },
    outputs: ['success', 'error'],
    ctx: { contact: { fields: { name: 'A "B"&C' }, tags: [] } },
    effects: [
      {
        type: 'httpRequest',
        requestId: 'n#2',
        method: 'POST',
        url: 'https://api.example.com/c?q=A%20%22B%22%26C',
        headers: {},
        body: '{"n":"A \\"B\\"&C"}',
        timeoutMs: 10_000,
      },
    ],
    reached: null,
  },
  {
    name: 'http success maps JSON paths',
    type: 'httpRequest',
    data: {
      method: 'GET',
      url: 'https://x.example',
      mappings: [
        { path: '$.order.items[1].sku', variable: 'sku' },
        { path: '$.order.total', variable: 'total' },
      ],
    },
    outputs: ['success', 'error'],
    events: [ok({ order: { items: [{ sku: 'a' }, { sku: 'b' }], total: 12.5 } })],
    effects: [{ type: 'setVariable', name: 'sku', value: 'b' }, { type: 'setVariable', name: 'total', value: '12.5' }, end],
    reached: 'to-success',
    variables: { sku: 'b', total: '12.5' },
  },
  {
    name: 'http error',
    type: 'httpRequest',
    data: { method: 'GET', url: 'https://x.example' },
    outputs: ['success', 'error'],
    events: [{ type: 'effectResult', requestId: 'n#2', result: { ok: false, error: 'timeout' } }],
    effects: [{ type: 'log', level: 'warn', nodeId: 'n', message: 'HTTP request failed: timeout' }, end],
    reached: 'to-error',
  },
  {
    name: 'AI answer to the customer and a variable',
    type: 'aiAnswer',
    data: { systemPrompt: 'Seja breve', saveAs: 'ai' },
    outputs: ['success', 'error'],
    events: [ok({ text: ' Olá! ' })],
    effects: [{ type: 'setVariable', name: 'ai', value: 'Olá!' }, { type: 'sendText', text: 'Olá!', typingMs: 0 }, end],
    reached: 'to-success',
  },
  {
    name: 'AI error',
    type: 'aiAnswer',
    data: { systemPrompt: 'Seja breve' },
    outputs: ['success', 'error'],
    events: [{ type: 'effectResult', requestId: 'n#2', result: { ok: false, error: '500' } }],
    effects: [{ type: 'log', level: 'warn', nodeId: 'n', message: 'AI request failed: 500' }, end],
    reached: 'to-error',
  },
  {
    name: 'wait schedules then continues',
    type: 'wait',
    data: { delayMs: 5_000 },
    outputs: ['next'],
    events: [{ type: 'timeout', token: 'n#2' }],
    effects: [end],
    reached: 'to-next',
  },
  {
    name: 'go to flow',
    type: 'goToFlow',
    data: { flowId: 'f2' },
    outputs: [],
    effects: [
      { type: 'goToFlow', flowId: 'f2' },
      { type: 'end', reason: 'goToFlow' },
    ],
    reached: 'n',
  },
  {
    name: 'transfer with a message ends the session',
    type: 'transfer',
    data: { queueId: 'q1', message: 'Um momento' },
    outputs: [],
    effects: [
      { type: 'sendText', text: 'Um momento', typingMs: 0 },
      { type: 'transfer', queueId: 'q1' },
      { type: 'end', reason: 'transfer' },
    ],
    reached: 'n',
  },
  {
    name: 'close ticket with a survey',
    type: 'closeTicket',
    data: { survey: true },
    outputs: [],
    effects: [{ type: 'startSurvey' }, { type: 'closeTicket', survey: true }, { type: 'end', reason: 'closed' }],
    reached: 'n',
  },
  { name: 'end', type: 'end', data: {}, outputs: [], effects: [end], reached: 'n' },
];

describe('nodes: a fixture graph and events → the last step’s effects and where the session is', () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const results = runEvents(
      singleNodeFlow(testCase.type, testCase.data, testCase.outputs),
      testCase.events ?? [],
      fixtureCtx(testCase.ctx),
    );
    const last = results.at(-1);
    expect(last?.effects).toEqual(testCase.effects);
    if (testCase.reached === null) expect(last?.session).toMatchObject({ status: 'waiting', nodeId: 'n' });
    else expect(last?.session).toMatchObject({ status: 'ended', nodeId: testCase.reached });
    if (testCase.variables) expect(last?.session.variables).toMatchObject(testCase.variables);
  });
});
