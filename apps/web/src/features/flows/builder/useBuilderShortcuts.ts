import { useEffect, useEffectEvent } from 'react';

export interface ShortcutHandlers {
  copy: () => void;
  paste: () => void;
  remove: () => void;
  undo: () => void;
  redo: () => void;
}

// Typing in a form keeps the browser's own Ctrl+Z, Ctrl+C and Delete.
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Builder shortcuts on the whole page: Ctrl+C / Ctrl+V, Delete, Ctrl+Z, Ctrl+Shift+Z (and Ctrl+Y). */
export function useBuilderShortcuts(handlers: ShortcutHandlers, enabled: boolean) {
  // Reads this render's handlers (selection, clipboard) without re-adding the listener on every render.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (isTyping(event.target) || event.altKey) return;
    // A dialog or drawer above the board (versions, connections) owns the keyboard.
    if (document.querySelector('[role="dialog"]')) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    const run = (fn: () => void) => {
      event.preventDefault();
      fn();
    };
    if (mod && key === 'z') run(event.shiftKey ? handlers.redo : handlers.undo);
    else if (mod && key === 'y') run(handlers.redo);
    else if (mod && key === 'c') run(handlers.copy);
    else if (mod && key === 'v') run(handlers.paste);
    else if (!mod && (key === 'delete' || key === 'backspace')) run(handlers.remove);
  });
  useEffect(() => {
    if (!enabled) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
