import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@jimmy/flow-engine';
import {
  addNode,
  connect,
  copyNodes,
  emptyGraph,
  moveNodes,
  nodeOutputs,
  pasteNodes,
  removeElements,
  updateNodeData,
} from './graphEdits.js';
import { checkpoint, commit, createHistory, redo, replace, undo } from './history.js';
import { defaultNodeData, nextItemId } from './nodeDefaults.js';

const at = { x: 0, y: 0 };
let counter = 0;
const newId = () => `n${++counter}`;

function sample(): FlowGraph {
  let graph = emptyGraph();
  graph = addNode(graph, { id: 'start', type: 'start', position: at, data: defaultNodeData('start') });
  graph = addNode(graph, { id: 'menu', type: 'menu', position: at, data: defaultNodeData('menu') });
  graph = addNode(graph, { id: 'sales', type: 'end', position: at, data: {} });
  graph = addNode(graph, { id: 'support', type: 'end', position: at, data: {} });
  graph = connect(graph, { source: 'start', sourceHandle: 'next', target: 'menu' }, 'e1');
  graph = connect(graph, { source: 'menu', sourceHandle: 'opt1', target: 'sales' }, 'e2');
  return connect(graph, { source: 'menu', sourceHandle: 'opt2', target: 'support' }, 'e3');
}

describe('graph edits', () => {
  it('adds nodes but never a second Start', () => {
    const graph = sample();
    expect(graph.nodes.map((n) => n.id)).toEqual(['start', 'menu', 'sales', 'support']);
    expect(addNode(graph, { id: 'start2', type: 'start', position: at, data: {} })).toBe(graph);
  });

  it('gives each output one edge: connecting it again replaces the old edge', () => {
    const graph = connect(sample(), { source: 'menu', sourceHandle: 'opt1', target: 'support' }, 'e4');
    expect(graph.edges.filter((e) => e.source === 'menu')).toEqual([
      { id: 'e3', source: 'menu', sourceHandle: 'opt2', target: 'support' },
      { id: 'e4', source: 'menu', sourceHandle: 'opt1', target: 'support' },
    ]);
    // An edge to a node that is not there is refused rather than saved dangling.
    expect(connect(graph, { source: 'menu', sourceHandle: 'invalid', target: 'ghost' }, 'e5')).toBe(graph);
  });

  it('deletes nodes with their edges, and edges alone; the Start node stays', () => {
    const graph = removeElements(sample(), ['menu', 'start'], []);
    expect(graph.nodes.map((n) => n.id)).toEqual(['start', 'sales', 'support']);
    expect(graph.edges).toEqual([]);
    expect(removeElements(sample(), [], ['e2']).edges.map((e) => e.id)).toEqual(['e1', 'e3']);
  });

  it('drops the edge of a menu option that was removed, and lists one handle per option', () => {
    const graph = sample();
    expect(nodeOutputs(graph.nodes[1]!)).toEqual(['opt1', 'opt2', 'invalid']);
    const data = { text: 'Escolha', options: [{ id: 'opt2', label: 'Suporte' }], maxRetries: 2 };
    const next = updateNodeData(graph, 'menu', data);
    expect(next.edges.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(nodeOutputs(next.nodes[1]!)).toEqual(['opt2', 'invalid']);
  });

  it('pastes copies with fresh ids, keeping only the edges between copied nodes and never the Start', () => {
    counter = 0;
    const graph = sample();
    const clip = copyNodes(graph, ['start', 'menu', 'sales']);
    expect(clip.nodes.map((n) => n.id)).toEqual(['menu', 'sales']);
    const { graph: pasted, ids } = pasteNodes(graph, clip, newId);
    expect(ids).toEqual(['n1', 'n2']);
    expect(pasted.nodes.find((n) => n.id === 'n1')?.position).toEqual({ x: 40, y: 40 });
    expect(pasted.edges.at(-1)).toEqual({ id: 'n3', source: 'n1', sourceHandle: 'opt1', target: 'n2' });
  });

  it('numbers new list items after their siblings without reusing an id', () => {
    expect(nextItemId([{ id: 'opt1' }, { id: 'opt3' }])).toBe('opt4');
    expect(nextItemId([{ id: 'opt2' }])).toBe('opt3');
    expect(nextItemId([])).toBe('opt1');
  });
});

describe('undo / redo history', () => {
  it('undoes and redoes whole edits, and a new edit clears what could be redone', () => {
    const first = sample();
    const second = removeElements(first, ['menu']);
    let history = commit(createHistory(first), second);
    history = undo(history);
    expect(history.present).toBe(first);
    history = redo(history);
    expect(history.present).toBe(second);
    history = commit(undo(history), addNode(first, { id: 'x', type: 'end', position: at, data: {} }));
    expect(redo(history)).toBe(history);
  });

  it('merges typing in one field into one step, and a drag into one step back to where it began', () => {
    const graph = sample();
    let history = createHistory(graph);
    for (const text of ['O', 'Ol', 'Olá']) {
      history = commit(history, updateNodeData(history.present, 'menu', { ...(defaultNodeData('menu') as object), text }), 'data:menu');
    }
    expect(history.past).toHaveLength(1);
    expect(undo(history).present).toBe(graph);

    history = checkpoint(createHistory(graph));
    for (const x of [10, 20, 30]) history = replace(history, moveNodes(history.present, new Map([['sales', { x, y: 0 }]])));
    expect(history.present.nodes[2]!.position).toEqual({ x: 30, y: 0 });
    expect(undo(history).present.nodes[2]!.position).toEqual(at);
  });
});
