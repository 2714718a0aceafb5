import type { NodeType } from '../nodes/nodeTypes.js';
import { inspectFlow } from './validateFlow.js';
import type { FlowProblem } from './validateFlow.js';

/** A flow version ready for `step`: parsed once (cache it per version id), then read only. */
export interface CompiledFlow {
  /** The published version's id; sessions are pinned to it. */
  versionId: string;
  startNodeId: string;
  nodes: ReadonlyMap<string, { type: NodeType; data: unknown }>;
  /** `${source}\n${handle}` → target node id. */
  edges: ReadonlyMap<string, string>;
  variableDefaults: Readonly<Record<string, string>>;
}

export const edgeKey = (source: string, handle: string): string => `${source}\n${handle}`;

// A draft with unreachable nodes or loose edges still runs (the simulator needs that); only what
// makes a step impossible stops compiling.
const FATAL = new Set<FlowProblem['code']>([
  'invalidGraph',
  'missingStart',
  'multipleStarts',
  'duplicateId',
  'unknownType',
  'invalidField',
]);

export function compileFlow(versionId: string, input: unknown): { ok: true; flow: CompiledFlow } | { ok: false; problems: FlowProblem[] } {
  const { graph, data, problems } = inspectFlow(input);
  const fatal = problems.filter((problem) => FATAL.has(problem.code));
  const start = graph?.nodes.find((node) => node.type === 'start');
  if (!graph || !start || fatal.length > 0) return { ok: false, problems: fatal };
  const edges = new Map<string, string>();
  for (const edge of graph.edges) {
    if (data.has(edge.target)) edges.set(edgeKey(edge.source, edge.sourceHandle), edge.target);
  }
  const variableDefaults = Object.fromEntries(graph.variables.map((variable) => [variable.name, variable.defaultValue ?? '']));
  return { ok: true, flow: { versionId, startNodeId: start.id, nodes: data, edges, variableDefaults } };
}
