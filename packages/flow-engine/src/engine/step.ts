import { edgeKey } from '../graph/compileFlow.js';
import type { CompiledFlow } from '../graph/compileFlow.js';
import type { NodeInput, NodeOutcome, ResumeEvent } from '../nodes/defineNode.js';
import { NODES } from '../nodes/registry.js';
import type { Effect, EndReason } from './effects.js';
import type { FlowContext, FlowEvent, FlowSession, StepLogEntry } from './types.js';

/** Nodes one step may run before it is treated as a loop (a menu answered in a cycle runs a few). */
export const STEP_BUDGET = 100;
/** Log entries a session keeps; the runner stores every step's entries itself. */
const LOG_LIMIT = 20;

export interface StepResult {
  session: FlowSession;
  effects: Effect[];
  /** This step's entries, oldest first (also appended to `session.log`). */
  log: StepLogEntry[];
}

/** A session for `flow` that has not started yet: step it with a `start` event. */
export function newSession(flow: CompiledFlow): FlowSession {
  return {
    flowVersionId: flow.versionId,
    status: 'new',
    nodeId: null,
    variables: { ...flow.variableDefaults },
    waiting: null,
    retries: {},
    lastMessage: '',
    seq: 0,
    endReason: null,
    log: [],
  };
}

/** Why a non-start event does not reach the waiting node, or null when it does. */
function mismatch(session: FlowSession, event: ResumeEvent): string | null {
  const waiting = session.waiting;
  if (session.status !== 'waiting' || !waiting) return `${event.type} ignored: the session is ${session.status}`;
  switch (event.type) {
    case 'reply':
      return waiting.for === 'reply' ? null : `reply ignored while waiting for ${waiting.for}`;
    case 'timeout':
      return waiting.token === event.token ? null : `stale timeout ${event.token} ignored`;
    case 'effectResult':
      return waiting.for === 'effectResult' && waiting.requestId === event.requestId ? null : `stale result ${event.requestId} ignored`;
  }
}

/**
 * Advances a session by one event and says what to do, as data. Pure: the same flow, session,
 * event and ctx always give the same result, and the input session is not modified.
 */
export function step(flow: CompiledFlow, session: FlowSession, event: FlowEvent, ctx: FlowContext): StepResult {
  const log: StepLogEntry[] = [];
  const ignore = (message: string, effects: Effect[] = []): StepResult => ({
    session,
    effects,
    log: [{ nodeId: session.nodeId, event: event.type, message }],
  });

  if (session.flowVersionId !== flow.versionId) {
    const message = `session pinned to version ${session.flowVersionId}, not ${flow.versionId}: load its own version`;
    return ignore(message, [{ type: 'log', level: 'error', message }]);
  }
  if (event.type === 'start' && session.status !== 'new') return ignore(`start ignored: the session is ${session.status}`);
  if (event.type !== 'start') {
    const reason = mismatch(session, event);
    if (reason !== null) return ignore(reason);
  }

  const state: FlowSession = {
    ...session,
    variables: { ...session.variables },
    retries: { ...session.retries },
    waiting: null,
    status: 'active',
  };
  const contact = { fields: { ...ctx.contact.fields }, tags: [...ctx.contact.tags] };
  const effects: Effect[] = [];
  const budget = ctx.stepBudget ?? STEP_BUDGET;
  let ran = 0;
  if (event.type === 'start' && event.text !== undefined) state.lastMessage = event.text;
  if (event.type === 'reply') state.lastMessage = event.text;

  const input = (nodeId: string, data: unknown, token: string): NodeInput<unknown> => ({
    nodeId,
    data,
    variables: state.variables,
    contact,
    lastMessage: state.lastMessage,
    retries: state.retries[nodeId] ?? 0,
    token,
    ctx: { ...ctx, contact },
  });

  const finish = (reason: EndReason): void => {
    state.status = 'ended';
    state.endReason = reason;
    effects.push({ type: 'end', reason });
  };

  // Keeps a local view of the contact so a condition later in this step sees a tag just added.
  const track = (effect: Effect): void => {
    if (effect.type === 'setTag' && !contact.tags.includes(effect.tag)) contact.tags.push(effect.tag);
    if (effect.type === 'removeTag') contact.tags = contact.tags.filter((tag) => tag !== effect.tag);
    if (effect.type === 'setContactField') contact.fields[effect.field] = effect.value;
  };

  /** Applies a node's outcome; returns the next node to enter, or null when the step stops. */
  const apply = (nodeId: string, outcome: NodeOutcome): string | null => {
    for (const effect of outcome.effects) {
      track(effect);
      effects.push(effect);
    }
    if (outcome.variables) Object.assign(state.variables, outcome.variables);
    if (outcome.retries !== undefined) state.retries[nodeId] = outcome.retries;
    const then = outcome.then;
    if (then.kind === 'wait') {
      state.status = 'waiting';
      state.waiting = { nodeId, ...then.waiting };
      log.push({ nodeId, event: event.type, message: `waiting for ${then.waiting.for}` });
      return null;
    }
    if (then.kind === 'end') {
      log.push({ nodeId, event: event.type, message: `ended: ${then.reason}` });
      finish(then.reason);
      return null;
    }
    const target = flow.edges.get(edgeKey(nodeId, then.output));
    log.push({ nodeId, event: event.type, message: target ? `${then.output} → ${target}` : `${then.output}: no edge, the flow ends` });
    if (!target) finish('completed');
    return target ?? null;
  };

  let current: string | null;
  if (event.type === 'start') current = flow.startNodeId;
  else {
    const waiting = session.waiting;
    const node = waiting ? flow.nodes.get(waiting.nodeId) : undefined;
    const resume = node ? NODES[node.type].resume : undefined;
    if (!waiting || !node || !resume) {
      // Only a flow edited under a pinned session could get here; end rather than guess.
      log.push({ nodeId: waiting?.nodeId ?? null, event: event.type, message: 'the waiting node cannot resume' });
      effects.push({ type: 'log', level: 'error', message: 'the waiting node cannot resume' });
      finish('error');
      current = null;
    } else {
      current = apply(
        waiting.nodeId,
        resume.call(NODES[node.type], input(waiting.nodeId, node.data, waiting.token ?? waiting.requestId ?? ''), event),
      );
    }
  }

  while (current !== null) {
    const node = flow.nodes.get(current);
    if (!node) break; // compileFlow keeps only edges to parsed nodes
    if (ran >= budget) {
      const message = `step budget of ${budget} nodes exhausted at node ${current}: the flow loops without waiting for the customer`;
      log.push({ nodeId: current, event: event.type, message });
      effects.push({ type: 'log', level: 'error', nodeId: current, message });
      finish('loop');
      break;
    }
    ran += 1;
    state.seq += 1;
    state.nodeId = current;
    const definition = NODES[node.type];
    current = apply(current, definition.execute(input(current, node.data, `${current}#${state.seq}`)));
  }

  state.log = [...session.log, ...log].slice(-LOG_LIMIT);
  return { session: state, effects, log };
}
