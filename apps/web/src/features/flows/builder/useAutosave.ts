import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowGraph } from '@jimmy/flow-engine';
import { saveDraft } from '../flowsApi.js';

export type SaveStatus = 'saved' | 'saving' | 'error';

const DEBOUNCE_MS = 800;

/**
 * Saves the draft a moment after the last change. Saves run one at a time in order, so an older
 * graph never lands after a newer one; `flush` lets publish wait until the server has the latest.
 */
export function useAutosave(flowId: number, graph: FlowGraph, onSaved: (draftChanged: boolean) => void) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  const latest = useRef(graph);
  const saved = useRef(graph);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const onSavedRef = useRef(onSaved);
  // Declared before the debounce effect, so a save always reads the graph of this render.
  useEffect(() => {
    latest.current = graph;
    onSavedRef.current = onSaved;
  });

  const save = useCallback((): Promise<void> => {
    chain.current = chain.current.then(async () => {
      const sending = latest.current;
      if (sending === saved.current) return;
      setStatus('saving');
      try {
        const detail = await saveDraft(flowId, sending);
        saved.current = sending;
        onSavedRef.current(detail?.draftChanged ?? true);
        setStatus(latest.current === sending ? 'saved' : 'saving');
      } catch {
        setStatus('error');
      }
    });
    return chain.current;
  }, [flowId]);

  useEffect(() => {
    if (graph === saved.current) return;
    setStatus('saving');
    const timer = setTimeout(() => void save(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [graph, save]);

  // Leaving the page within the debounce window must not lose the last edit.
  useEffect(() => () => void save(), [save]);

  /** Resolves once the latest graph is on the server; rejects when that save failed. */
  const flush = useCallback(async () => {
    await save();
    if (saved.current !== latest.current) throw new Error('draft not saved');
  }, [save]);

  return { status, retry: save, flush };
}
