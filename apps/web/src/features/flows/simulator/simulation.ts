/**
 * The simulator's controller: runs the builder's draft through the real flow engine, in the
 * browser, and keeps what the chat pane shows. Pure (no React, no fetch, no clock: `env` brings
 * them), so every rule here is unit-tested and the component only renders and forwards clicks.
 */
import { compileFlow, newSession, step, validateFlow } from '@jimmy/flow-engine';
import type { CompiledFlow, FlowEvent, FlowGraph, FlowProblem, FlowSession, HoursState } from '@jimmy/flow-engine';
import { transcriptFromEffects } from './transcript.js';
import type { SimContact, TranscriptItem } from './transcript.js';

export type { SimContact, TranscriptItem } from './transcript.js';

/** Sessions of a draft are pinned to this fake version id, so an edited draft keeps the session. */
const DRAFT_VERSION = 'draft';
/** Undo depth; a snapshot is small, this only bounds a very long session. */
const HISTORY_LIMIT = 300;

/** What the clock, randomness and time zone are in this browser (tests pass fixed ones). */
export interface SimEnv {
  now: () => number;
  random: () => number;
  timeZone: string;
}

/** Everything "step back" restores: the session, what the chat shows and the simulated contact. */
export interface Snapshot {
  session: FlowSession;
  transcript: TranscriptItem[];
  contact: SimContact;
  /** Next transcript item id, kept per snapshot so ids stay stable across undo. */
  nextId: number;
}

export interface Simulation {
  /** Null when the draft cannot run; `problems` says why. */
  flow: CompiledFlow | null;
  /** What stops the draft from running at all (invalid fields, no start node…). */
  problems: FlowProblem[];
  /** What would block publishing but not a test run (unreachable nodes, loose edges). */
  warnings: FlowProblem[];
  /** The simulated working-hours state, for the company and every queue the flow checks. */
  hours: HoursState;
  initialContact: SimContact;
  current: Snapshot;
  history: Snapshot[];
}

/** What the chat is waiting for, which decides the controls the pane offers. */
export type Awaiting =
  | { kind: 'invalid' }
  | { kind: 'start' }
  | { kind: 'reply'; menuNodeId: string | null; timeoutToken: string | null }
  | { kind: 'timeout'; token: string }
  | { kind: 'request'; request: 'http' | 'ai'; requestId: string }
  | { kind: 'ended'; reason: FlowSession['endReason'] };

function compileDraft(graph: FlowGraph): Pick<Simulation, 'flow' | 'problems' | 'warnings'> {
  const compiled = compileFlow(DRAFT_VERSION, graph);
  if (!compiled.ok) return { flow: null, problems: compiled.problems, warnings: [] };
  return { flow: compiled.flow, problems: [], warnings: validateFlow(graph) };
}

function freshSnapshot(flow: CompiledFlow | null, contact: SimContact): Snapshot {
  const session: FlowSession = flow
    ? newSession(flow)
    : {
        flowVersionId: DRAFT_VERSION,
        status: 'new',
        nodeId: null,
        variables: {},
        waiting: null,
        retries: {},
        lastMessage: '',
        seq: 0,
        endReason: null,
        log: [],
      };
  return { session, transcript: [], contact: { fields: { ...contact.fields }, tags: [...contact.tags] }, nextId: 1 };
}

export function createSimulation(graph: FlowGraph, options: { contact?: SimContact; hours?: HoursState } = {}): Simulation {
  const compiled = compileDraft(graph);
  const initialContact = options.contact ?? { fields: {}, tags: [] };
  return {
    ...compiled,
    hours: options.hours ?? 'open',
    initialContact,
    current: freshSnapshot(compiled.flow, initialContact),
    history: [],
  };
}

/**
 * The builder edited the draft: the running session goes on with the new graph (fix a message and
 * keep testing). A session waiting at a node that was deleted ends with an error on its next event.
 */
export function updateDraft(sim: Simulation, graph: FlowGraph): Simulation {
  const compiled = compileDraft(graph);
  const { current } = sim;
  const last = current.transcript.at(-1);
  const started = current.session.status !== 'new';
  const alreadySaid = last?.kind === 'notice' && last.notice === 'draftChanged';
  if (!started || alreadySaid) return { ...sim, ...compiled };
  const notice: TranscriptItem = { id: current.nextId, kind: 'notice', notice: 'draftChanged' };
  return { ...sim, ...compiled, current: { ...current, transcript: [...current.transcript, notice], nextId: current.nextId + 1 } };
}

/** Changes the simulated hours for the next steps; what already ran stays as it ran. */
export function setHours(sim: Simulation, hours: HoursState): Simulation {
  return { ...sim, hours };
}

/**
 * The simulated customer's fields and tags, as the user sets them (to try a condition on a VIP tag,
 * say). Before the start they are also what "restart" begins with; mid-run only this moment changes.
 */
export function editContact(sim: Simulation, contact: SimContact): Simulation {
  const copy = { fields: { ...contact.fields }, tags: [...new Set(contact.tags)] };
  const started = sim.current.session.status !== 'new';
  return { ...sim, initialContact: started ? sim.initialContact : copy, current: { ...sim.current, contact: copy } };
}

export const canStepBack = (sim: Simulation): boolean => sim.history.length > 0;

export function stepBack(sim: Simulation): Simulation {
  const previous = sim.history.at(-1);
  if (!previous) return sim;
  return { ...sim, current: previous, history: sim.history.slice(0, -1) };
}

export function restart(sim: Simulation): Simulation {
  return { ...sim, current: freshSnapshot(sim.flow, sim.initialContact), history: [] };
}

/** Queue ids the flow's working-hours nodes check, so each gets the simulated state. */
function checkedQueues(flow: CompiledFlow): string[] {
  const ids: string[] = [];
  for (const node of flow.nodes.values()) {
    if (node.type !== 'workingHours') continue;
    const target = (node.data as { target?: { kind?: string; queueId?: string } }).target;
    if (target?.kind === 'queue' && target.queueId) ids.push(target.queueId);
  }
  return ids;
}

function waitingRequest(flow: CompiledFlow | null, session: FlowSession): 'http' | 'ai' | null {
  const nodeId = session.waiting?.for === 'effectResult' ? session.waiting.nodeId : null;
  const type = nodeId === null ? undefined : flow?.nodes.get(nodeId)?.type;
  return type === 'httpRequest' ? 'http' : type === 'aiAnswer' ? 'ai' : null;
}

export function awaiting(sim: Simulation): Awaiting {
  const { session } = sim.current;
  if (!sim.flow) return { kind: 'invalid' };
  if (session.status === 'new') return { kind: 'start' };
  const waiting = session.status === 'waiting' ? session.waiting : null;
  if (!waiting) return { kind: 'ended', reason: session.endReason };
  if (waiting.for === 'reply') {
    const menuNodeId = sim.flow.nodes.get(waiting.nodeId)?.type === 'menu' ? waiting.nodeId : null;
    return { kind: 'reply', menuNodeId, timeoutToken: waiting.token ?? null };
  }
  if (waiting.for === 'timeout') return { kind: 'timeout', token: waiting.token ?? '' };
  return { kind: 'request', request: waitingRequest(sim.flow, session) ?? 'http', requestId: waiting.requestId ?? '' };
}

/** A transcript item before it gets its id (Omit per union member, so each keeps its own fields). */
type NewItem = TranscriptItem extends infer Item ? (Item extends TranscriptItem ? Omit<Item, 'id'> : never) : never;

/** Runs one event and records it; `before` are the items that explain the event (the customer's bubble…). */
function advance(sim: Simulation, event: FlowEvent, before: NewItem[], env: SimEnv): Simulation {
  if (!sim.flow) return sim;
  const { current } = sim;
  const hours = { company: sim.hours, queues: Object.fromEntries(checkedQueues(sim.flow).map((id) => [id, sim.hours])) };
  const ctx = { now: env.now(), random: env.random, timeZone: env.timeZone, contact: current.contact, hours };
  const result = step(sim.flow, current.session, event, ctx);
  let nextId = current.nextId;
  const items: TranscriptItem[] = before.map((item) => ({ ...item, id: nextId++ }));
  // The engine hands back the same session when it ignores an event (a reply while an HTTP call runs…).
  if (result.session === current.session) {
    const waitingFor = current.session.waiting?.for;
    const during =
      current.session.status === 'ended' ? 'ended' : waitingFor === 'timeout' || waitingFor === 'effectResult' ? waitingFor : 'other';
    items.push({ id: nextId++, kind: 'notice', notice: 'ignored', while: during, detail: result.log.at(-1)?.message ?? '' });
  }
  const fromEffects = transcriptFromEffects(result.effects, current.contact, result.session, nextId);
  const snapshot: Snapshot = {
    session: result.session,
    transcript: [...current.transcript, ...items, ...fromEffects.items],
    contact: fromEffects.contact,
    nextId: fromEffects.nextId,
  };
  return { ...sim, current: snapshot, history: [...sim.history, current].slice(-HISTORY_LIMIT) };
}

/** Starts the conversation without a customer message (a lead from a webhook, or just to see the greeting). */
export function startConversation(sim: Simulation, env: SimEnv): Simulation {
  if (sim.current.session.status !== 'new') return sim;
  return advance(sim, { type: 'start' }, [], env);
}

/**
 * The customer writes (or taps a menu option: `choiceId`). The first message starts the flow, as a
 * real conversation does; later ones are replies. A message after the end is shown and noted.
 */
export function sendCustomerMessage(sim: Simulation, text: string, env: SimEnv, choiceId?: string): Simulation {
  const body = text.trim();
  if (body === '' || !sim.flow) return sim;
  const bubble = { kind: 'customer' as const, text: body };
  const { session } = sim.current;
  if (session.status === 'new') return advance(sim, { type: 'start', text: body }, [bubble], env);
  const event: FlowEvent = choiceId === undefined ? { type: 'reply', text: body } : { type: 'reply', text: body, choiceId };
  return advance(sim, event, [bubble], env);
}

/** "Disparar agora": the pending timer (a question's no-reply limit or a Wait node) fires at once. */
export function fireTimeout(sim: Simulation, env: SimEnv): Simulation {
  const waiting = sim.current.session.waiting;
  if (sim.current.session.status !== 'waiting' || !waiting?.token) return sim;
  return advance(sim, { type: 'timeout', token: waiting.token }, [{ kind: 'timeoutFired' }], env);
}

/** `status`: the HTTP status when a real server answered (shown; the engine reads only ok, data and error). */
export type RequestResult = { ok: true; data: unknown; status?: number } | { ok: false; error: string; status?: number };

/**
 * The answer to the pending HTTP or AI request, real (from the server) or typed by the user. An
 * answer that arrives after a restart or step back (the request is no longer pending) is dropped.
 */
export function answerRequest(sim: Simulation, requestId: string, result: RequestResult, via: 'real' | 'mock', env: SimEnv): Simulation {
  const { session } = sim.current;
  if (session.status !== 'waiting' || session.waiting?.for !== 'effectResult' || session.waiting.requestId !== requestId) return sim;
  const request = waitingRequest(sim.flow, session) ?? 'http';
  return advance(sim, { type: 'effectResult', requestId, result }, [{ kind: 'requestResult', request, via, result }], env);
}

const pathKeys = (path: string): string[] =>
  path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((key) => key !== '');

function place(node: unknown, keys: string[], leaf: string): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return node === undefined ? leaf : node;
  if (/^\d+$/.test(key)) {
    const list: unknown[] = Array.isArray(node) ? [...(node as unknown[])] : [];
    list[Number(key)] = place(list[Number(key)], rest, leaf);
    return Array.from(list, (value) => value ?? null);
  }
  const record: Record<string, unknown> = node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...node } : {};
  record[key] = place(record[key], rest, leaf);
  return record;
}

/**
 * A response skeleton for the pending HTTP node, built from its JSON-path mappings
 * (`$.customer.name` → `{ "customer": { "name": "…" } }`), so typing a mock starts from the right shape.
 */
export function mockResponseTemplate(sim: Simulation): string {
  const nodeId = sim.current.session.waiting?.nodeId;
  const node = nodeId === undefined ? undefined : sim.flow?.nodes.get(nodeId);
  const mappings =
    node?.type === 'httpRequest' ? ((node.data as { mappings?: Array<{ path: string; variable: string }> }).mappings ?? []) : [];
  let sample: unknown = {};
  for (const mapping of mappings) sample = place(sample, pathKeys(mapping.path), mapping.variable);
  return JSON.stringify(sample, null, 2);
}
