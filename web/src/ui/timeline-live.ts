// A timeline growing live from its stream. New posts are added at the top only while the reader is
// there; further down they wait behind an "n new posts" button, so what is being read never moves.
import { useEffect, useEffectEvent, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { apiPage } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import { streaming, type StreamEvent, type StreamName } from '../streaming/stream.ts';
import { withOwnVotes } from './poll-results.ts';

const AT_TOP = 120;

/** `param`: the hashtag, or the list's id */
export interface TimelineStream {
  name: StreamName;
  param?: string | undefined;
}

/**
 * Edits (and a poll's new counts) are delivered for no reader in particular: the reader's own
 * favourite, boost, bookmark and votes stay.
 */
function withEdit(shown: Status, edited: Status): Status {
  return { ...edited, favourited: shown.favourited, reblogged: shown.reblogged, bookmarked: shown.bookmarked, poll: withOwnVotes(edited.poll, shown.poll) };
}

interface Options {
  /** API path of the first page, for catching up */
  path: string;
  stream: TimelineStream | undefined;
  items: Status[];
  setItems: Dispatch<SetStateAction<Status[]>>;
  /** the list, whose first post takes the focus when the waiting posts are shown */
  list: RefObject<HTMLElement | null>;
}

export function useLiveTimeline({ path, stream, items, setItems, list }: Options) {
  const [queued, setQueued] = useState<Status[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  /** New posts go on top while the reader is there, and wait behind the button otherwise. */
  const arrived = (posts: Status[]) => {
    const fresh = posts.filter((p) => !itemsRef.current.some((s) => s.id === p.id));
    if (fresh.length === 0) return;
    const add = (current: Status[]) => [...fresh.filter((p) => !current.some((s) => s.id === p.id)), ...current];
    if (window.scrollY < AT_TOP) setItems(add);
    else setQueued(add);
  };

  /** Posts newer than the newest shown, which no stream event brought (the list was away or the socket down). */
  const catchUp = () => {
    const newest = itemsRef.current[0]?.id;
    if (newest)
      void apiPage<Status>(`${path}${path.includes('?') ? '&' : '?'}min_id=${newest}`)
        .then((page) => arrived(page.items))
        .catch(() => undefined);
  };

  const onEvent = useEffectEvent(({ event, payload }: StreamEvent) => {
    if (event === 'update') arrived([payload as Status]);
    else if (event === 'reconnect') catchUp();
    else if (event === 'delete') {
      const gone = (s: Status) => s.id === payload || s.reblog?.id === payload;
      setItems((current) => current.filter((s) => !gone(s)));
      setQueued((q) => q.filter((s) => !gone(s)));
    } else if (event === 'status.update') {
      const edited = payload as Status;
      setItems((current) => current.map((s) => (s.id === edited.id ? withEdit(s, edited) : s.reblog?.id === edited.id ? { ...s, reblog: withEdit(s.reblog, edited) } : s)));
    }
  });
  const name = stream?.name;
  const param = stream?.param;
  useEffect(() => {
    if (!name) return;
    return streaming.subscribe(name, (message) => onEvent(message), param);
  }, [name, param]);

  function showQueued(jump: boolean) {
    setItems((current) => {
      const known = new Set(current.map((s) => s.id));
      return [...queued.filter((s) => !known.has(s.id)), ...current];
    });
    setQueued([]);
    if (jump) {
      window.scrollTo(0, 0);
      requestAnimationFrame(() => list.current?.querySelector<HTMLElement>('article')?.focus());
    }
  }

  // Back at the top, whatever waited is shown.
  const onScroll = useEffectEvent(() => {
    if (window.scrollY < AT_TOP) showQueued(false);
  });
  const waiting = queued.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const listener = () => onScroll();
    window.addEventListener('scroll', listener, { passive: true });
    return () => window.removeEventListener('scroll', listener);
  }, [waiting]);

  return { waiting: queued.length, showQueued, catchUp };
}
