// The host console's keyboard: j/k move through the queue, a approves, h hides, m marks answered,
// r goes to the answer composer. Not while typing, nor with a modifier (the browser's own keys).
import { useEffect, useRef } from 'react';
import { isTyping } from './layout.tsx';

export interface ConsoleKeys {
  move: (by: 1 | -1) => void;
  approve: () => void;
  hide: () => void;
  answered: () => void;
  compose: () => void;
}

/** The keys as the console lists them on screen (each with its i18n key). */
export const SHORTCUTS = [
  ['j', 'events.keys.next'],
  ['k', 'events.keys.previous'],
  ['a', 'events.keys.approve'],
  ['h', 'events.keys.hide'],
  ['m', 'events.keys.answered'],
  ['r', 'events.keys.answer'],
] as const;

export function useConsoleKeys(keys: ConsoleKeys): void {
  // The latest handlers, without re-registering the listener on each render.
  const current = useRef(keys);
  current.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const k = current.current;
      const actions: Record<string, () => void> = {
        j: () => k.move(1),
        k: () => k.move(-1),
        a: k.approve,
        h: k.hide,
        m: k.answered,
        r: k.compose,
      };
      const action = actions[event.key];
      if (!action) return;
      // The layout's own j/k move between posts: here they move through the queue instead.
      event.preventDefault();
      event.stopImmediatePropagation();
      action();
    };
    // Capturing, so it runs before the layout's listener on the window.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
