// Test helpers: fixture graphs and a context at a fixed instant (no clock in tests either).
import { compileFlow } from '../graph/compileFlow.js';
import type { CompiledFlow } from '../graph/compileFlow.js';
import type { FlowGraph } from '../graph/flowGraph.js';
import { newSession, step } from '../engine/step.js';
import type { StepResult } from '../engine/step.js';
import type { FlowContext, FlowEvent } from '../engine/types.js';

/** 2026-06-15 12:00 in São Paulo (UTC−3), a Monday. */
const NOON = Date.UTC(2026, 5, 15, 15, 0);

export function fixtureGraph(
  nodes: Array<[string, string, unknown]>,
  edges: Array<[string, string, string]>,
  variables: FlowGraph['variables'] = [],
): FlowGraph {
  return {
    format: 1,
    nodes: nodes.map(([id, type, data], index) => ({ id, type, position: { x: index * 200, y: 0 }, data })),
    edges: edges.map(([source, sourceHandle, target]) => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target })),
    variables,
  };
}

export function compile(graph: FlowGraph, versionId = 'v1'): CompiledFlow {
  const result = compileFlow(versionId, graph);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

export function fixtureCtx(overrides: Partial<FlowContext> = {}): FlowContext {
  return {
    now: NOON,
    random: () => 0.5,
    timeZone: 'America/Sao_Paulo',
    contact: { fields: {}, tags: [] },
    hours: { company: 'open', queues: {} },
    ...overrides,
  };
}

const START = ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }] as const;

/** A flow start → `node` with each output of `node` going to an end node named after the output. */
export function singleNodeFlow(type: string, data: unknown, outputs: string[]): CompiledFlow {
  return compile(
    fixtureGraph(
      [[...START], ['n', type, data], ...outputs.map((output): [string, string, unknown] => [`to-${output}`, 'end', {}])],
      [['start', 'next', 'n'], ...outputs.map((output): [string, string, string] => ['n', output, `to-${output}`])],
    ),
  );
}

/** Starts a session and feeds it `events` in order; returns every step's result. */
export function runEvents(flow: CompiledFlow, events: FlowEvent[], ctx: FlowContext = fixtureCtx()): StepResult[] {
  const results: StepResult[] = [];
  let session = newSession(flow);
  for (const event of [{ type: 'start' } as FlowEvent, ...events]) {
    const result = step(flow, session, event, ctx);
    results.push(result);
    session = result.session;
  }
  return results;
}
