// Pages on when the end of a list comes into view (a button does the same from the keyboard).
import { useEffect, useEffectEvent, useRef } from 'react';

/**
 * Calls `onEnd` when the returned element is in view while there is a `next` page. Looked at again
 * after each page (a new `next`, a longer list): one page may not fill the screen.
 */
export function useEndOfList(next: string | null, length: number, onEnd: () => void) {
  const sentinel = useRef<HTMLDivElement>(null);
  const reached = useEffectEvent(onEnd);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !next || length === 0) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) reached();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [next, length]);
  return sentinel;
}
