/**
 * Undo / redo as a list of whole-graph snapshots: graphs are small (tens of nodes), so copying
 * beats recording inverse operations, and every edit kind gets undo for free.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Edits with the same key in a row (typing in one field) make one undo step. */
  lastKey: string | null;
}

const LIMIT = 100;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null };
}

/** A new state the user can undo; `key` merges it into the previous step when that had the same key. */
export function commit<T>(history: History<T>, next: T, key: string | null = null): History<T> {
  if (next === history.present) return history;
  if (key !== null && key === history.lastKey) return { ...history, present: next, future: [] };
  return { past: [...history.past, history.present].slice(-LIMIT), present: next, future: [], lastKey: key };
}

/** Changes the present without an undo step (a node following the pointer mid-drag). */
export function replace<T>(history: History<T>, next: T): History<T> {
  return { ...history, present: next };
}

/** Marks the present as a step to return to (a drag starts: undo puts the node back where it was). */
export function checkpoint<T>(history: History<T>): History<T> {
  return { past: [...history.past, history.present].slice(-LIMIT), present: history.present, future: [], lastKey: null };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastKey: null };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: null };
}
