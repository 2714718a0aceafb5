import { NODES } from '../nodes/registry.js';
import { NODE_TYPES } from '../nodes/nodeTypes.js';
import type { NodeType } from '../nodes/nodeTypes.js';
import { flowGraphSchema } from './flowGraph.js';
import type { FlowGraph } from './flowGraph.js';

export type FlowProblemCode =
  | 'invalidGraph'
  | 'missingStart'
  | 'multipleStarts'
  | 'duplicateId'
  | 'unknownType'
  | 'invalidField'
  | 'danglingEdge'
  | 'unknownHandle'
  | 'unreachable';

/** One thing that stops a flow from being published; the builder links it to `nodeId` when set. */
export interface FlowProblem {
  code: FlowProblemCode;
  nodeId: string | null;
  edgeId?: string;
  /** The field inside the node's data ("options.1.label"), for invalidField. */
  path?: string;
  message: string;
}

export interface InspectedFlow {
  graph: FlowGraph | null;
  /** Each node's data as its schema parsed it (defaults applied), for nodes that passed. */
  data: Map<string, { type: NodeType; data: unknown }>;
  problems: FlowProblem[];
}

const isNodeType = (type: string): type is NodeType => (NODE_TYPES as readonly string[]).includes(type);

/** Parses the graph and every node's data, collecting problems instead of stopping at the first. */
export function inspectFlow(input: unknown): InspectedFlow {
  const parsed = flowGraphSchema.safeParse(input);
  const data: InspectedFlow['data'] = new Map();
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      code: 'invalidGraph' as const,
      nodeId: null,
      path: issue.path.join('.'),
      message: issue.message,
    }));
    return { graph: null, data, problems };
  }
  const graph = parsed.data;
  const problems: FlowProblem[] = [];
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id)) problems.push({ code: 'duplicateId', nodeId: node.id, message: `two nodes share the id ${node.id}` });
    ids.add(node.id);
    if (!isNodeType(node.type)) {
      problems.push({ code: 'unknownType', nodeId: node.id, message: `unknown node type ${node.type}` });
      continue;
    }
    const result = NODES[node.type].schema.safeParse(node.data);
    if (result.success) data.set(node.id, { type: node.type, data: result.data });
    else {
      for (const issue of result.error.issues) {
        problems.push({ code: 'invalidField', nodeId: node.id, path: issue.path.join('.'), message: issue.message });
      }
    }
  }
  const starts = graph.nodes.filter((node) => node.type === 'start');
  if (starts.length === 0) problems.push({ code: 'missingStart', nodeId: null, message: 'the flow has no start node' });
  for (const extra of starts.slice(1)) problems.push({ code: 'multipleStarts', nodeId: extra.id, message: 'a flow has one start node' });
  return { graph, data, problems };
}

function edgeProblems(graph: FlowGraph, data: InspectedFlow['data']): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const edge of graph.edges) {
    const source = data.get(edge.source);
    if (!graph.nodes.some((node) => node.id === edge.source) || !graph.nodes.some((node) => node.id === edge.target)) {
      problems.push({
        code: 'danglingEdge',
        nodeId: edge.source,
        edgeId: edge.id,
        message: `edge ${edge.id} connects a node that does not exist`,
      });
    } else if (source && !NODES[source.type].outputs(source.data).includes(edge.sourceHandle)) {
      problems.push({
        code: 'unknownHandle',
        nodeId: edge.source,
        edgeId: edge.id,
        message: `the node has no output "${edge.sourceHandle}"`,
      });
    }
  }
  return problems;
}

function unreachable(graph: FlowGraph): FlowProblem[] {
  const start = graph.nodes.find((node) => node.type === 'start');
  if (!start) return [];
  const seen = new Set([start.id]);
  const queue = [start.id];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const edge of graph.edges) {
      if (edge.source === id && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return graph.nodes
    .filter((node) => !seen.has(node.id))
    .map((node) => ({ code: 'unreachable' as const, nodeId: node.id, message: 'no path from the start node reaches this node' }));
}

/**
 * Every problem that stops publishing: the graph's shape, a missing or second start node, unknown
 * types, fields a node's schema rejects, edges to missing nodes or from missing outputs, and nodes
 * the start cannot reach. An empty list means publishable.
 */
export function validateFlow(input: unknown): FlowProblem[] {
  const { graph, data, problems } = inspectFlow(input);
  if (!graph) return problems;
  return [...problems, ...edgeProblems(graph, data), ...unreachable(graph)];
}
