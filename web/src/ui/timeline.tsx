// A list of posts that pages back in time and, when given a stream, grows live (timeline-live.ts).
// Lists and scroll positions survive going to another screen (timeline-cache.ts).
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../api/types.ts';
import { useEndOfList } from './end-of-list.ts';
import { NewPosts } from './new-posts.tsx';
import { StatusCard } from './status.tsx';
import { keepTimeline, keptTimeline } from './timeline-cache.ts';
import { useLiveTimeline, type TimelineStream } from './timeline-live.ts';
import { useTimelinePages } from './timeline-pages.ts';

interface Props {
  /** the cache key; also tells lists apart */
  id: string;
  /** API path of the first page */
  path: string;
  stream?: TimelineStream | undefined;
  label: string;
  empty: string;
}

/** Another id is another list, with its own state and place. */
export function Timeline(props: Props) {
  return <TimelineList key={props.id} {...props} />;
}

function TimelineList({ id, path, stream, label, empty }: Props) {
  const { t } = useTranslation();
  const [kept] = useState(() => keptTimeline(id));
  const { items, setItems, next, loading, failed, loadMore } = useTimelinePages(path, kept);
  const list = useRef<HTMLDivElement>(null);
  const live = useLiveTimeline({ path, stream, items, setItems, list });
  const sentinel = useEndOfList(next, items.length, () => void loadMore());

  // First page, unless the list was kept from an earlier visit; then back to where the reader was,
  // with what was posted meanwhile. Kept again on leaving.
  const arrive = useEffectEvent(() => {
    if (!kept) return void loadMore();
    window.scrollTo(0, kept.scrollY);
    if (stream) live.catchUp();
  });
  const leave = useEffectEvent(() => keepTimeline(id, { items, next, scrollY: window.scrollY }));
  useEffect(() => {
    arrive();
    return () => leave();
  }, []);

  const replace = (updated: Status) => setItems((current) => current.map((s) => (s.id === updated.id ? updated : s)));
  const remove = (removedId: string) => setItems((current) => current.filter((s) => s.id !== removedId && s.reblog?.id !== removedId));

  return (
    <section aria-label={label}>
      <NewPosts count={live.waiting} onShow={() => live.showQueued(true)} />
      {/* A feed only once it has posts: an empty feed would be a feed without its articles. */}
      {items.length > 0 ? (
        <div ref={list} role="feed" aria-busy={loading} aria-label={label}>
          {items.map((s) => (
            <StatusCard key={s.id} status={s} onChange={replace} onDelete={remove} />
          ))}
        </div>
      ) : (
        <div ref={list} aria-busy={loading} />
      )}
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
