import { NODES, NODE_TYPES } from '@jimmy/flow-engine';
import type { FlowGraph, FlowNode, NodeType } from '@jimmy/flow-engine';

/**
 * Every change the builder makes to a graph, as pure functions: the canvas, the keyboard and the
 * form call these, and undo / redo only has to keep the graphs they return.
 */

type Edge = FlowGraph['edges'][number];
type Position = FlowNode['position'];

export const isNodeType = (type: string): type is NodeType => (NODE_TYPES as readonly string[]).includes(type);

export function emptyGraph(): FlowGraph {
  return { format: 1, nodes: [], edges: [], variables: [] };
}

/** The output handles a node has now; null when its data is too broken to tell. */
function knownOutputs(node: Pick<FlowNode, 'type' | 'data'>): string[] | null {
  if (!isNodeType(node.type)) return null;
  const definition = NODES[node.type];
  const parsed = definition.schema.safeParse(node.data);
  if (parsed.success) return definition.outputs(parsed.data);
  // Half-filled data (a menu option without a label yet) still has its handles: ask the raw data.
  try {
    const outputs = definition.outputs(node.data);
    return Array.isArray(outputs) && outputs.every((o) => typeof o === 'string') ? outputs : null;
  } catch {
    return null;
  }
}

export const nodeOutputs = (node: Pick<FlowNode, 'type' | 'data'>): string[] => knownOutputs(node) ?? [];

export function addNode(graph: FlowGraph, node: FlowNode): FlowGraph {
  // One Start per flow: a second one would only be refused at publish.
  if (node.type === 'start' && graph.nodes.some((n) => n.type === 'start')) return graph;
  return { ...graph, nodes: [...graph.nodes, node] };
}

/** Links an output to a node; an output leads to one place, so this replaces its previous edge. */
export function connect(graph: FlowGraph, link: Omit<Edge, 'id'>, id: string): FlowGraph {
  if (!graph.nodes.some((n) => n.id === link.source) || !graph.nodes.some((n) => n.id === link.target)) return graph;
  const kept = graph.edges.filter((edge) => !(edge.source === link.source && edge.sourceHandle === link.sourceHandle));
  return { ...graph, edges: [...kept, { id, ...link }] };
}

/** Removes nodes (with every edge touching them) and edges. The Start node stays: a flow needs it. */
export function removeElements(graph: FlowGraph, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): FlowGraph {
  const startIds = new Set(graph.nodes.filter((node) => node.type === 'start').map((node) => node.id));
  const goneNodes = new Set([...nodeIds].filter((id) => !startIds.has(id)));
  const goneEdges = new Set(edgeIds);
  if (goneNodes.size === 0 && goneEdges.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => !goneNodes.has(node.id)),
    edges: graph.edges.filter((edge) => !goneEdges.has(edge.id) && !goneNodes.has(edge.source) && !goneNodes.has(edge.target)),
  };
}

/** New data for a node; edges leaving outputs it no longer has (a deleted menu option) go too. */
export function updateNodeData(graph: FlowGraph, nodeId: string, data: unknown): FlowGraph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return graph;
  const updated = { ...node, data };
  const known = knownOutputs(updated);
  const outputs = new Set(known ?? []);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === nodeId ? updated : n)),
    edges: graph.edges.filter((edge) => edge.source !== nodeId || known === null || outputs.has(edge.sourceHandle)),
  };
}

export function moveNodes(graph: FlowGraph, positions: ReadonlyMap<string, Position>): FlowGraph {
  if (positions.size === 0) return graph;
  return { ...graph, nodes: graph.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })) };
}

/** What Ctrl+C keeps: the chosen nodes and the edges between them (not those leading elsewhere). */
export interface Clipboard {
  nodes: FlowNode[];
  edges: Edge[];
}

export function copyNodes(graph: FlowGraph, nodeIds: Iterable<string>): Clipboard {
  const ids = new Set(nodeIds);
  const nodes = graph.nodes.filter((node) => ids.has(node.id) && node.type !== 'start');
  const kept = new Set(nodes.map((node) => node.id));
  return { nodes, edges: graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)) };
}

/** Adds copies with fresh ids, shifted so they do not hide the originals; returns the new nodes' ids. */
export function pasteNodes(
  graph: FlowGraph,
  clipboard: Clipboard,
  newId: () => string,
  offset: Position = { x: 40, y: 40 },
): { graph: FlowGraph; ids: string[] } {
  const ids = new Map(clipboard.nodes.map((node) => [node.id, newId()]));
  const nodes = clipboard.nodes.map((node) => ({
    ...node,
    id: ids.get(node.id)!,
    position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
  }));
  const edges = clipboard.edges.map((edge) => ({ ...edge, id: newId(), source: ids.get(edge.source)!, target: ids.get(edge.target)! }));
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, ids: [...ids.values()] };
}
