import type { FlowGraph } from '@jimmy/flow-engine';

export const LAYER_GAP = 290;
export const ROW_GAP = 170;

/**
 * Left-to-right layers by breadth-first depth from the Start node (the order a customer meets
 * them); within a layer, the order nodes were discovered keeps siblings in their handles' order.
 * Nodes the Start cannot reach go to one extra layer at the end, so nothing is lost off-screen.
 */
export function autoLayout(graph: FlowGraph): FlowGraph {
  const start = graph.nodes.find((node) => node.type === 'start');
  const depth = new Map<string, number>();
  const order: string[] = [];
  if (start) {
    depth.set(start.id, 0);
    order.push(start.id);
    for (let i = 0; i < order.length; i++) {
      const id = order[i]!;
      for (const edge of graph.edges) {
        if (edge.source !== id || depth.has(edge.target) || !graph.nodes.some((node) => node.id === edge.target)) continue;
        depth.set(edge.target, depth.get(id)! + 1);
        order.push(edge.target);
      }
    }
  }
  const lastLayer = Math.max(-1, ...depth.values()) + 1;
  for (const node of graph.nodes) {
    if (depth.has(node.id)) continue;
    depth.set(node.id, lastLayer);
    order.push(node.id);
  }
  const layers = new Map<number, string[]>();
  for (const id of order) {
    const layer = depth.get(id)!;
    layers.set(layer, [...(layers.get(layer) ?? []), id]);
  }
  const position = new Map<string, { x: number; y: number }>();
  for (const [layer, ids] of layers) {
    // Centred on y = 0, so a branch fans out above and below its parent's row.
    const top = -((ids.length - 1) * ROW_GAP) / 2;
    ids.forEach((id, index) => position.set(id, { x: layer * LAYER_GAP, y: top + index * ROW_GAP }));
  }
  return { ...graph, nodes: graph.nodes.map((node) => ({ ...node, position: position.get(node.id) ?? node.position })) };
}
