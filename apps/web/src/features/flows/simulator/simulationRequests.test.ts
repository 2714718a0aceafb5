import { describe, expect, it } from 'vitest';
import {
  answerRequest,
  awaiting,
  createSimulation,
  mockResponseTemplate,
  restart,
  sendCustomerMessage,
  startConversation,
} from './simulation.js';
import type { Simulation } from './simulation.js';
import { START, env, graph, said } from './simTestKit.js';

describe('HTTP and AI nodes in the simulator', () => {
  describe('HTTP requests', () => {
    const draft = graph(
      [
        START,
        [
          'http',
          'httpRequest',
          {
            method: 'POST',
            url: 'https://api.example.com/orders?q={{q}}',
            body: '{"q":"{{q}}"}',
            mappings: [
              { path: '$.order.status', variable: 'status' },
              { path: '$.items[1].name', variable: 'item' },
            ],
          },
        ],
        ['ok', 'message', { text: 'Pedido {{status}}, item {{item}}' }],
        ['fail', 'message', { text: 'Sistema fora do ar.' }],
      ],
      [
        ['start', 'next', 'http'],
        ['http', 'success', 'ok'],
        ['http', 'error', 'fail'],
      ],
      [{ name: 'q', defaultValue: 'a b' }],
    );

    function started(): { sim: Simulation; requestId: string } {
      const sim = startConversation(createSimulation(draft), env);
      const state = awaiting(sim);
      if (state.kind !== 'request') throw new Error(`not waiting for a request: ${state.kind}`);
      return { sim, requestId: state.requestId };
    }

    it('shows the request with variables resolved and offers a mock shaped by its mappings', () => {
      const { sim } = started();
      expect(awaiting(sim)).toMatchObject({ kind: 'request', request: 'http' });
      expect(sim.current.transcript.at(-1)).toMatchObject({
        kind: 'event',
        effect: { type: 'httpRequest', method: 'POST', url: 'https://api.example.com/orders?q=a%20b', body: '{"q":"a b"}' },
      });
      expect(JSON.parse(mockResponseTemplate(sim))).toEqual({ order: { status: 'status' }, items: [null, { name: 'item' }] });
    });

    it('a mocked success maps the response to variables and leaves by success', () => {
      const { sim, requestId } = started();
      const done = answerRequest(
        sim,
        requestId,
        { ok: true, data: { order: { status: 'enviado' }, items: [{}, { name: 'tênis' }] } },
        'mock',
        env,
      );
      expect(done.current.session.variables).toMatchObject({ status: 'enviado', item: 'tênis' });
      expect(said(done).slice(-5)).toEqual(['* http mock ok', '* setVariable', '* setVariable', '< Pedido enviado, item tênis', '* end']);
    });

    it('a mocked error leaves by the error edge and logs why', () => {
      const { sim, requestId } = started();
      const done = answerRequest(sim, requestId, { ok: false, error: 'HTTP 503' }, 'real', env);
      expect(said(done).slice(-4)).toEqual(['* http real error', '* log', '< Sistema fora do ar.', '* end']);
      expect(done.current.transcript.find((item) => item.kind === 'event' && item.effect.type === 'log')).toMatchObject({
        effect: { message: expect.stringContaining('HTTP 503') },
      });
    });

    it('an answer that arrives after a restart or for another request is dropped', () => {
      const { sim, requestId } = started();
      expect(answerRequest(restart(sim), requestId, { ok: true, data: {} }, 'real', env).current.transcript).toEqual([]);
      expect(answerRequest(sim, 'other#9', { ok: true, data: {} }, 'real', env)).toBe(sim);
    });
  });

  it('an AI answer typed by the user goes to the customer and to its variable', () => {
    const draft = graph(
      [
        START,
        ['ai', 'aiAnswer', { systemPrompt: 'Você atende a {{store}}.', saveAs: 'answer' }],
        ['after', 'message', { text: 'Resumo: {{answer}}' }],
        ['fail', 'message', { text: 'IA indisponível.' }],
      ],
      [
        ['start', 'next', 'ai'],
        ['ai', 'success', 'after'],
        ['ai', 'error', 'fail'],
      ],
      [{ name: 'store', defaultValue: 'Loja X' }],
    );
    let sim = sendCustomerMessage(createSimulation(draft), 'Qual o prazo?', env);
    expect(sim.current.transcript.at(-1)).toMatchObject({
      effect: { type: 'aiRequest', systemPrompt: 'Você atende a Loja X.', messages: [{ role: 'user', content: 'Qual o prazo?' }] },
    });
    const state = awaiting(sim);
    if (state.kind !== 'request') throw new Error('not waiting');
    expect(state.request).toBe('ai');
    const waiting = sim;
    sim = answerRequest(sim, state.requestId, { ok: true, data: { text: '3 dias úteis' } }, 'mock', env);
    expect(said(sim).slice(-5)).toEqual(['* ai mock ok', '* setVariable', '< 3 dias úteis', '< Resumo: 3 dias úteis', '* end']);
    expect(sim.current.session.variables['answer']).toBe('3 dias úteis');

    const failed = answerRequest(waiting, state.requestId, { ok: false, error: 'no key' }, 'real', env);
    expect(said(failed).slice(-3)).toEqual(['* log', '< IA indisponível.', '* end']);
  });
});
