// A list of posts that pages back in time and, when given a stream, grows live. New posts are added
// at the top only while the reader is there; further down they wait behind an "n new posts" button,
// so what is being read never moves. Lists and scroll positions survive going to another screen.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPage } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import { streaming, type StreamName } from '../streaming/stream.ts';
import { StatusCard } from './status.tsx';

interface Saved {
  items: Status[];
  next: string | null;
  scrollY: number;
}
const saved = new Map<string, Saved>();

/** Forget cached lists (on sign-out, another person may sign in next). */
export function clearTimelines(): void {
  saved.clear();
}

const AT_TOP = 120;

/** Edits are delivered as the author sees them: the reader's own favourite, boost and bookmark stay. */
function withEdit(shown: Status, edited: Status): Status {
  return { ...edited, favourited: shown.favourited, reblogged: shown.reblogged, bookmarked: shown.bookmarked };
}

interface Props {
  /** the cache key; also tells lists apart */
  id: string;
  /** API path of the first page */
  path: string;
  /** `param`: the hashtag, or the list's id */
  stream?: { name: StreamName; param?: string | undefined } | undefined;
  label: string;
  empty: string;
}

export function Timeline({ id, path, stream, label, empty }: Props) {
  const { t } = useTranslation();
  const cached = saved.get(id);
  const [items, setItems] = useState<Status[]>(cached?.items ?? []);
  const [next, setNext] = useState<string | null>(cached ? cached.next : path);
  const [queued, setQueued] = useState<Status[]>([]);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const nextRef = useRef(next);
  nextRef.current = next;

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

  /** Posts newer than the newest shown, which no stream event brought (the list was away or the socket down). */
  const catchUp = () => {
    const newest = itemsRef.current[0]?.id;
    if (newest)
      void apiPage<Status>(`${path}${path.includes('?') ? '&' : '?'}min_id=${newest}`)
        .then((page) => arrived(page.items))
        .catch(() => undefined);
  };

  // First page, unless the list was kept from an earlier visit; then back to where the reader was,
  // with what was posted meanwhile.
  useEffect(() => {
    if (cached) {
      window.scrollTo(0, cached.scrollY);
      if (stream) catchUp();
    } else void loadMore();
    return () => {
      saved.set(id, { items: itemsRef.current, next: nextRef.current, scrollY: window.scrollY });
    };
  }, [id]);
  useEffect(() => {
    if (!stream) return;
    return streaming.subscribe(
      stream.name,
      ({ event, payload }) => {
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
      },
      stream.param,
    );
  }, [stream?.name, stream?.param, path]);

  /** New posts go on top while the reader is there, and wait behind the button otherwise. */
  function arrived(posts: Status[]) {
    const fresh = posts.filter((p) => !itemsRef.current.some((s) => s.id === p.id));
    if (fresh.length === 0) return;
    const add = (list: Status[]) => [...fresh.filter((p) => !list.some((s) => s.id === p.id)), ...list];
    if (window.scrollY < AT_TOP) setItems(add);
    else setQueued(add);
  }

  // Back at the top, whatever waited is shown.
  useEffect(() => {
    if (queued.length === 0) return;
    const onScroll = () => {
      if (window.scrollY < AT_TOP) showQueued(false);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  });

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

  // Pages on when the end of the list comes into view (the button does the same from the keyboard).
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !next || items.length === 0) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadMore();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [loadMore, next, items.length]);

  const replace = (updated: Status) => setItems((current) => current.map((s) => (s.id === updated.id ? updated : s)));
  const remove = (removedId: string) => setItems((current) => current.filter((s) => s.id !== removedId && s.reblog?.id !== removedId));

  return (
    <section aria-label={label}>
      {queued.length > 0 && (
        <div className="new-posts">
          <button type="button" className="button" onClick={() => showQueued(true)}>
            {t('timeline.newPosts', { count: queued.length })}
          </button>
        </div>
      )}
      <div className="visually-hidden" aria-live="polite">
        {queued.length > 0 ? t('timeline.newPosts', { count: queued.length }) : ''}
      </div>
      <div ref={list} role={items.length > 0 ? 'feed' : undefined} aria-busy={loading} aria-label={items.length > 0 ? label : undefined}>
        {items.map((s) => (
          <StatusCard key={s.id} status={s} onChange={replace} onDelete={remove} />
        ))}
      </div>
      {!loading && items.length === 0 && !next && <p className="empty">{empty}</p>}
      {failed && (
        <p className="error" role="alert">
          {t('errors.network')}
        </p>
      )}
      <div ref={sentinel} className="load-more">
        {next && (
          <button type="button" className="button secondary" onClick={() => void loadMore()} disabled={loading}>
            {loading ? t('common.loading') : t('timeline.loadMore')}
          </button>
        )}
      </div>
    </section>
  );
}
