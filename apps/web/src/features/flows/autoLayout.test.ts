import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@jimmy/flow-engine';
import { autoLayout, LAYER_GAP, ROW_GAP } from './autoLayout.js';

const node = (id: string, type = 'message') => ({ id, type, position: { x: 7, y: 7 }, data: {} });
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });

describe('autoLayout', () => {
  it('puts each node in the layer of its breadth-first depth from Start, siblings centred in handle order', () => {
    const graph: FlowGraph = {
      format: 1,
      // Listed out of order on purpose: the layout follows the edges, not the array.
      nodes: [node('b'), node('menu', 'menu'), node('start', 'start'), node('a'), node('after')],
      edges: [
        edge('start', 'next', 'menu'),
        edge('menu', 'opt1', 'a'),
        edge('menu', 'opt2', 'b'),
        edge('a', 'next', 'after'),
        edge('b', 'next', 'after'),
      ],
      variables: [],
    };
    const at = Object.fromEntries(autoLayout(graph).nodes.map((n) => [n.id, n.position]));
    expect(at.start).toEqual({ x: 0, y: 0 });
    expect(at.menu).toEqual({ x: LAYER_GAP, y: 0 });
    expect(at.a).toEqual({ x: 2 * LAYER_GAP, y: -ROW_GAP / 2 });
    expect(at.b).toEqual({ x: 2 * LAYER_GAP, y: ROW_GAP / 2 });
    // Reached twice, placed once, at its shortest depth.
    expect(at.after).toEqual({ x: 3 * LAYER_GAP, y: 0 });
  });

  it('keeps loops finite and puts unreachable nodes in one layer after the rest', () => {
    const graph: FlowGraph = {
      format: 1,
      nodes: [node('start', 'start'), node('q'), node('lost1'), node('lost2')],
      edges: [edge('start', 'next', 'q'), edge('q', 'invalid', 'q'), edge('q', 'next', 'start')],
      variables: [],
    };
    const at = Object.fromEntries(autoLayout(graph).nodes.map((n) => [n.id, n.position]));
    expect(at.q).toEqual({ x: LAYER_GAP, y: 0 });
    expect(at.lost1).toEqual({ x: 2 * LAYER_GAP, y: -ROW_GAP / 2 });
    expect(at.lost2).toEqual({ x: 2 * LAYER_GAP, y: ROW_GAP / 2 });
  });

  it('lays out a graph without Start as one column instead of failing', () => {
    const graph: FlowGraph = { format: 1, nodes: [node('x'), node('y')], edges: [], variables: [] };
    expect(autoLayout(graph).nodes.map((n) => n.position)).toEqual([
      { x: 0, y: -ROW_GAP / 2 },
      { x: 0, y: ROW_GAP / 2 },
    ]);
  });
});
