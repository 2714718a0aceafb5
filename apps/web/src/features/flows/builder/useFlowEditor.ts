import { useMemo, useReducer } from 'react';
import type { FlowGraph } from '@jimmy/flow-engine';
import { checkpoint, commit, createHistory, redo, replace, undo, type History } from '../history.js';

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

type Update = FlowGraph | ((graph: FlowGraph) => FlowGraph);

interface State {
  history: History<FlowGraph>;
  selection: Selection;
}

type Action =
  | { type: 'commit'; update: Update; key: string | null; select?: Selection }
  | { type: 'replace'; update: Update }
  | { type: 'checkpoint' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; selection: Selection };

const NOTHING: Selection = { nodes: [], edges: [] };

// Several canvas events may land before a render: functional updates apply to the latest graph.
const apply = (update: Update, graph: FlowGraph): FlowGraph => (typeof update === 'function' ? update(graph) : update);

// Undo can bring back a graph without the selected node: keep only what still exists.
function pruneSelection(selection: Selection, graph: FlowGraph): Selection {
  const nodes = selection.nodes.filter((id) => graph.nodes.some((n) => n.id === id));
  const edges = selection.edges.filter((id) => graph.edges.some((e) => e.id === id));
  return nodes.length === selection.nodes.length && edges.length === selection.edges.length ? selection : { nodes, edges };
}

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'commit': {
      const history = commit(state.history, apply(action.update, state.history.present), action.key);
      return { history, selection: pruneSelection(action.select ?? state.selection, history.present) };
    }
    case 'replace':
      return { ...state, history: replace(state.history, apply(action.update, state.history.present)) };
    case 'checkpoint':
      return { ...state, history: checkpoint(state.history) };
    case 'undo':
    case 'redo': {
      const history = action.type === 'undo' ? undo(state.history) : redo(state.history);
      return { history, selection: pruneSelection(state.selection, history.present) };
    }
    case 'select':
      return { ...state, selection: action.selection };
  }
}

/** The builder's one source of truth: the graph with its undo history, and what is selected. */
export function useFlowEditor(initial: FlowGraph) {
  const [state, dispatch] = useReducer(reducer, initial, (graph) => ({ history: createHistory(graph), selection: NOTHING }));
  const actions = useMemo(
    () => ({
      /** An undoable edit; edits with the same `key` in a row (typing in one form) are one undo step. */
      edit: (update: Update, key: string | null = null, select?: Selection) => dispatch({ type: 'commit', update, key, select }),
      /** Mid-drag moves: shown at once, undone in one step back to where the drag began. */
      move: (update: Update) => dispatch({ type: 'replace', update }),
      checkpoint: () => dispatch({ type: 'checkpoint' }),
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      select: (selection: Selection) => dispatch({ type: 'select', selection }),
    }),
    [],
  );
  return {
    graph: state.history.present,
    selection: state.selection,
    canUndo: state.history.past.length > 0,
    canRedo: state.history.future.length > 0,
    ...actions,
  };
}

export type FlowEditor = ReturnType<typeof useFlowEditor>;
