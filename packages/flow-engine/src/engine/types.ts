import type { EndReason } from './effects.js';

export type HoursState = 'open' | 'break' | 'closed';

/** Everything from outside a step needs: the engine reads no clock, randomness or database. */
export interface FlowContext {
  /** Epoch milliseconds. */
  now: number;
  /** Unused by today's nodes; here so a future node (e.g. A/B split) stays pure. */
  random: () => number;
  /** The company's IANA time zone, for dates typed without a year and date/time variables. */
  timeZone: string;
  contact: { fields: Readonly<Record<string, string>>; tags: readonly string[] };
  /** Working-hours state computed by the runner (company and per queue id). */
  hours: { company: HoursState; queues: Readonly<Record<string, HoursState>> };
  /** Nodes one `step` call may run before it stops as a loop; default STEP_BUDGET. */
  stepBudget?: number;
}

export type FlowEvent =
  /** `text` is the message that started the conversation, if any (conditions may read it). */
  | { type: 'start'; text?: string }
  | { type: 'reply'; text: string; choiceId?: string }
  | { type: 'timeout'; token: string }
  | { type: 'effectResult'; requestId: string; result: { ok: true; data: unknown } | { ok: false; error: string } };

export interface Waiting {
  nodeId: string;
  for: 'reply' | 'timeout' | 'effectResult';
  /** Only a timeout carrying this token counts; older ones are stale. */
  token?: string;
  requestId?: string;
}

export interface StepLogEntry {
  nodeId: string | null;
  event: FlowEvent['type'];
  message: string;
}

/** A session is JSON: the runner stores it as is and hands it back on the next event. */
export interface FlowSession {
  flowVersionId: string;
  status: 'new' | 'active' | 'waiting' | 'ended';
  nodeId: string | null;
  variables: Record<string, string>;
  waiting: Waiting | null;
  retries: Record<string, number>;
  /** The customer's latest message (conditions and the AI node read it). */
  lastMessage: string;
  /** Bumped on every node entry; makes timeout tokens and request ids unique without randomness. */
  seq: number;
  endReason: EndReason | null;
  /** The most recent entries (capped at LOG_LIMIT); the runner persists each step's own `log`. */
  log: StepLogEntry[];
}
