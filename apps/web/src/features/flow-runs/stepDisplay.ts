import type { FlowRun } from '@jimmy/contracts';

type Step = FlowRun['steps'][number];

export type LogLevel = 'info' | 'warn' | 'error';

/** One effect as a chip: `type` picks the translated label, `detail` is shown as plain text. */
export interface EffectChip {
  type: string;
  detail: string;
  /** Only for `end`: the reason, translated by the view. */
  reason?: string;
  /** Only for `transfer`: ids the view turns into names. */
  queueId?: string;
  agentId?: string;
  /** Only for `closeTicket`: whether the survey is asked. */
  survey?: boolean;
}

interface LogLine {
  level: LogLevel;
  message: string;
  nodeId: string | null;
}

export interface StepDisplay {
  event: string;
  /** The customer's words (start / reply), a timeout token is no text. */
  customerText: string | null;
  /** The tapped option's id, when the reply came from a button. */
  choiceId: string | null;
  /** effectResult: whether the HTTP / AI call answered. */
  resultOk: boolean | null;
  resultError: string | null;
  nodeIds: string[];
  chips: EffectChip[];
  /** `log` effects: what the flow itself reported, with a level. */
  logs: LogLine[];
  /** The engine's trace and the runtime's notes, for the curious. */
  trace: LogLine[];
  variables: Array<[string, string]>;
}

const TEXT_LIMIT = 80;

export function truncate(text: string, limit = TEXT_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const level = (value: unknown): LogLevel => (value === 'warn' || value === 'error' ? value : 'info');

/** 90000 → "1 min 30 s": a timeout's delay as people read it. */
export function formatDelay(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

// Effects are stored as the engine emitted them; a newer engine's effect still shows, by its type.
function chipOf(effect: Record<string, unknown>): EffectChip {
  const type = str(effect.type) || '?';
  switch (type) {
    case 'sendText':
      return { type, detail: truncate(str(effect.text)) };
    case 'sendMenu': {
      const options = Array.isArray(effect.options) ? effect.options.map((o) => str(record(o).label)).filter(Boolean) : [];
      return { type, detail: truncate(`${str(effect.text)}${options.length ? ` [${options.join(' · ')}]` : ''}`) };
    }
    case 'sendMedia': {
      const source = record(effect.source);
      return { type, detail: truncate([str(effect.kind), str(effect.caption) || str(source.url)].filter(Boolean).join(' · ')) };
    }
    case 'setTag':
    case 'removeTag':
      return { type, detail: str(effect.tag) };
    case 'setContactField':
      return { type, detail: truncate(`${str(effect.field)} = ${str(effect.value)}`) };
    case 'setVariable':
      return { type, detail: truncate(`${str(effect.name)} = ${str(effect.value)}`) };
    case 'transfer':
      return {
        type,
        detail: '',
        ...(str(effect.queueId) && { queueId: str(effect.queueId) }),
        ...(str(effect.agentId) && { agentId: str(effect.agentId) }),
      };
    case 'httpRequest':
      return { type, detail: truncate(`${str(effect.method)} ${str(effect.url)}`) };
    case 'aiRequest': {
      const messages = Array.isArray(effect.messages) ? effect.messages.map(record) : [];
      return { type, detail: truncate(str(messages.at(-1)?.content)) };
    }
    case 'scheduleTimeout':
      return { type, detail: typeof effect.delayMs === 'number' ? formatDelay(effect.delayMs) : '' };
    case 'goToFlow':
      return { type, detail: `#${str(effect.flowId)}` };
    case 'closeTicket':
      return { type, detail: '', survey: effect.survey === true };
    case 'end':
      return { type, detail: '', reason: str(effect.reason) };
    default:
      return { type, detail: '' };
  }
}

/** A stored step as the "Ver execução do fluxo" timeline shows it. Pure, so it is tested without a DOM. */
export function stepDisplay(step: Step): StepDisplay {
  const data = step.eventData;
  const result = step.event === 'effectResult' ? record(data.result) : null;
  const effects = step.effects.map(record);
  return {
    event: step.event,
    customerText: step.event === 'start' || step.event === 'reply' ? str(data.text) || null : null,
    choiceId: str(data.choiceId) || null,
    resultOk: result ? result.ok === true : null,
    resultError: result && result.ok !== true ? str(result.error) || null : null,
    nodeIds: step.nodeIds,
    chips: effects.filter((e) => e.type !== 'log').map(chipOf),
    logs: effects
      .filter((e) => e.type === 'log')
      .map((e) => ({ level: level(e.level), message: str(e.message), nodeId: str(e.nodeId) || null })),
    trace: step.log.map(record).map((e) => ({ level: level(e.level), message: str(e.message), nodeId: str(e.nodeId) || null })),
    variables: Object.entries(step.variables).sort(([a], [b]) => a.localeCompare(b)),
  };
}

/** Node id → node type from a stored graph (`draft` is untyped JSON on the wire). */
export function nodeTypesOf(graph: unknown): Map<string, string> {
  const nodes = record(graph).nodes;
  const types = new Map<string, string>();
  if (Array.isArray(nodes))
    for (const node of nodes.map(record)) if (typeof node.id === 'string' && typeof node.type === 'string') types.set(node.id, node.type);
  return types;
}
