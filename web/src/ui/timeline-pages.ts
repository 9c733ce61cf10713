// A timeline's posts, page after page back in time from its API path (or from a kept list).
import { useCallback, useRef, useState } from 'react';
import { apiPage } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import type { KeptTimeline } from './timeline-cache.ts';

export function useTimelinePages(path: string, kept: KeptTimeline | undefined) {
  const [items, setItems] = useState<Status[]>(kept?.items ?? []);
  const [next, setNext] = useState<string | null>(kept ? kept.next : path);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  // A ref, not the state: the first page and the end-of-list observer may both ask before a render.
  const busy = useRef(false);
  const loadMore = useCallback(async () => {
    if (!next || busy.current) return;
    busy.current = true;
    setLoading(true);
    setFailed(false);
    try {
      const page = await apiPage<Status>(next);
      setItems((current) => {
        const known = new Set(current.map((s) => s.id));
        return [...current, ...page.items.filter((s) => !known.has(s.id))];
      });
      setNext(page.items.length > 0 ? page.next : null);
    } catch {
      setFailed(true);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [next]);

  return { items, setItems, next, loading, failed, loadMore };
}
