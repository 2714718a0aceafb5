import type { z } from 'zod';
import type { Effect, EndReason } from '../engine/effects.js';
import type { FlowContext, FlowEvent, Waiting } from '../engine/types.js';
import type { NodeType } from './nodeTypes.js';

/** What a node sees when it runs: never the whole session, so it cannot change what it does not own. */
export interface NodeInput<D> {
  nodeId: string;
  data: D;
  variables: Readonly<Record<string, string>>;
  contact: FlowContext['contact'];
  lastMessage: string;
  /** Times this node already rejected an answer in this session. */
  retries: number;
  /** Unique per node entry: use as timeout token or request id. */
  token: string;
  ctx: FlowContext;
}

type NodeThen = { kind: 'next'; output: string } | { kind: 'wait'; waiting: Omit<Waiting, 'nodeId'> } | { kind: 'end'; reason: EndReason };

export interface NodeOutcome {
  effects: Effect[];
  then: NodeThen;
  /** Variables to set (also announced as setVariable effects by the node when the runner must know). */
  variables?: Record<string, string>;
  /** New retry count for this node (omitted: unchanged). */
  retries?: number;
}

/** Events that reach a waiting node: the engine has already checked the token or request id. */
export type ResumeEvent = Exclude<FlowEvent, { type: 'start' }>;

/** Metadata the builder's palette and side panel use; the form itself comes from `schema`. */
export interface NodeEditor {
  label: { 'pt-BR': string; en: string };
  group: 'trigger' | 'message' | 'input' | 'logic' | 'action' | 'integration' | 'end';
}

export interface NodeDefinition<T extends NodeType, D> {
  type: T;
  schema: z.ZodType<D>;
  editor: NodeEditor;
  /** Named output handles; each edge leaves one of them. */
  outputs(data: D): string[];
  // Methods (not function properties) so each node's data type stays assignable to the registry's.
  execute(input: NodeInput<D>): NodeOutcome;
  resume?(input: NodeInput<D>, event: ResumeEvent): NodeOutcome;
}

export function defineNode<T extends NodeType, D>(definition: NodeDefinition<T, D>): NodeDefinition<T, D> {
  return definition;
}

export const next = (output: string, effects: Effect[] = [], extra: Partial<NodeOutcome> = {}): NodeOutcome => ({
  effects,
  then: { kind: 'next', output },
  ...extra,
});
