import { describe, expect, it } from 'vitest';
import { compile, fixtureCtx, fixtureGraph, runEvents } from '../testing/flowFixture.js';
import { newSession, step } from './step.js';

const start = ['start', 'start', { trigger: { kind: 'keyword', keywords: ['oi'], match: 'exact' } }] as [string, string, unknown];
const say = (text: string) => ({ text });

describe('step', () => {
  it('stops a loop at the step budget with a clear log entry and an end effect', () => {
    const flow = compile(
      fixtureGraph(
        [start, ['a', 'tag', { action: 'add', tag: 't' }], ['b', 'tag', { action: 'remove', tag: 't' }]],
        [
          ['start', 'next', 'a'],
          ['a', 'next', 'b'],
          ['b', 'next', 'a'],
        ],
      ),
    );
    const result = step(flow, newSession(flow), { type: 'start' }, fixtureCtx({ stepBudget: 10 }));
    expect(result.effects).toHaveLength(9 + 2);
    expect(result.effects.at(-2)).toMatchObject({
      type: 'log',
      level: 'error',
      message: expect.stringContaining('step budget of 10 nodes'),
    });
    expect(result.effects.at(-1)).toEqual({ type: 'end', reason: 'loop' });
    expect(result.session).toMatchObject({ status: 'ended', endReason: 'loop' });
    expect(result.log.at(-1)?.message).toContain('loops');
  });

  const questionFlow = compile(
    fixtureGraph(
      [
        start,
        ['q', 'question', { prompt: 'Nome?', answer: 'text', saveAs: 'name', timeoutMs: 60_000 }],
        ['bye', 'message', say('Tchau')],
        ['ok', 'message', say('Oi {{name}}')],
      ],
      [
        ['start', 'next', 'q'],
        ['q', 'timeout', 'bye'],
        ['q', 'next', 'ok'],
      ],
    ),
  );

  it('a timeout with the current token leaves by the timeout edge', () => {
    const [, timedOut] = runEvents(questionFlow, [{ type: 'timeout', token: 'q#2' }]);
    expect(timedOut?.effects).toEqual([
      { type: 'sendText', text: 'Tchau', typingMs: 0 },
      { type: 'end', reason: 'completed' },
    ]);
  });

  it('a stale timeout token is ignored and leaves the session untouched', () => {
    const [started] = runEvents(questionFlow, []);
    if (!started) throw new Error('no step');
    const stale = step(questionFlow, started.session, { type: 'timeout', token: 'q#1' }, fixtureCtx());
    expect(stale.effects).toEqual([]);
    expect(stale.session).toBe(started.session);
    expect(stale.log[0]?.message).toContain('stale timeout');
    // A timeout arriving after the answer was given is stale too.
    const answered = step(questionFlow, started.session, { type: 'reply', text: 'Ana' }, fixtureCtx());
    expect(answered.effects[1]).toEqual({ type: 'sendText', text: 'Oi Ana', typingMs: 0 });
    expect(step(questionFlow, answered.session, { type: 'timeout', token: 'q#2' }, fixtureCtx()).effects).toEqual([]);
  });

  it('does not modify the session it is given', () => {
    const session = newSession(questionFlow);
    const copy = structuredClone(session);
    step(questionFlow, session, { type: 'start' }, fixtureCtx());
    expect(session).toEqual(copy);
  });

  it('a session keeps its version: another version of the flow refuses to step it', () => {
    const v1 = questionFlow;
    const v2 = compile(fixtureGraph([start, ['m', 'message', say('nova versão')]], [['start', 'next', 'm']]), 'v2');
    const [started] = runEvents(v1, []);
    if (!started) throw new Error('no step');
    expect(started.session.flowVersionId).toBe('v1');
    const refused = step(v2, started.session, { type: 'reply', text: 'Ana' }, fixtureCtx());
    expect(refused.session).toBe(started.session);
    expect(refused.effects).toEqual([{ type: 'log', level: 'error', message: expect.stringContaining('pinned to version v1') }]);
    expect(step(v1, started.session, { type: 'reply', text: 'Ana' }, fixtureCtx()).session.variables).toEqual({ name: 'Ana' });
  });

  it('ignores replies while an HTTP result is awaited, a second start, and events after the end', () => {
    const flow = compile(
      fixtureGraph([start, ['h', 'httpRequest', { method: 'GET', url: 'https://x.example' }]], [['start', 'next', 'h']]),
    );
    const [started] = runEvents(flow, []);
    if (!started) throw new Error('no step');
    expect(step(flow, started.session, { type: 'reply', text: 'oi' }, fixtureCtx()).session).toBe(started.session);
    expect(step(flow, started.session, { type: 'start' }, fixtureCtx()).session).toBe(started.session);
    const done = step(flow, started.session, { type: 'effectResult', requestId: 'h#2', result: { ok: true, data: {} } }, fixtureCtx());
    expect(done.session.status).toBe('ended');
    expect(step(flow, done.session, { type: 'reply', text: 'oi' }, fixtureCtx()).effects).toEqual([]);
  });

  it('a condition sees a tag added earlier in the same step', () => {
    const flow = compile(
      fixtureGraph(
        [
          start,
          ['t', 'tag', { action: 'add', tag: 'vip' }],
          ['c', 'condition', { groups: [{ rules: [{ source: { kind: 'tags' }, operator: 'equals', value: 'vip' }] }] }],
        ],
        [
          ['start', 'next', 't'],
          ['t', 'next', 'c'],
        ],
      ),
    );
    const [result] = runEvents(flow, []);
    expect(result?.log.map((entry) => entry.message)).toContain('true: no edge, the flow ends');
  });

  it('starts with the graph’s variable defaults and remembers the first message', () => {
    const flow = compile(
      fixtureGraph([start, ['m', 'message', say('{{plan}}')]], [['start', 'next', 'm']], [{ name: 'plan', defaultValue: 'free' }]),
    );
    const result = step(flow, newSession(flow), { type: 'start', text: 'oi' }, fixtureCtx());
    expect(result.effects[0]).toEqual({ type: 'sendText', text: 'free', typingMs: 0 });
    expect(result.session.lastMessage).toBe('oi');
  });
});
