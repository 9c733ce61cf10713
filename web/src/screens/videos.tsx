// Short vertical videos, one per screen: from the people the viewer follows and from the public
// timeline (ui/video-feed.ts), moved through by swipe, wheel or keys (ui/video-navigation.ts).
import { useEffect, useEffectEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../api/types.ts';
import { usePageTitle } from '../ui/layout.tsx';
import { useVideoFeed, videoOf } from '../ui/video-feed.ts';
import { VideoItem } from '../ui/video-item.tsx';
import { useVideoNavigation } from '../ui/video-navigation.ts';

export function VideosScreen() {
  const { t } = useTranslation();
  const label = t('nav.videos');
  usePageTitle(label);
  const { items, setItems, loading, failed, more, loadMore } = useVideoFeed();
  const feed = useRef<HTMLDivElement>(null);
  const nav = useVideoNavigation(feed, items.length);

  // The next page is asked for two videos before the end, so the next video is there when it is wanted.
  const nearEnd = useEffectEvent(() => {
    if (more && !failed) void loadMore();
  });
  useEffect(() => {
    if (nav.current >= items.length - 2) nearEnd();
  }, [nav.current, items.length]);

  // The first videos open the feed at its top. While it loaded, the scroller's only snap point was
  // its end (the loading line): on a slow machine the browser snapped there and, once the videos
  // came, stayed snapped to the end, so the feed opened on a later video.
  const opened = useRef(false);
  useEffect(() => {
    if (items.length === 0 || opened.current) return;
    opened.current = true;
    feed.current?.scrollTo({ top: 0 });
  }, [items.length]);

  const replace = (updated: Status) => setItems((all) => all.map((s) => (s.id === updated.id ? updated : s)));
  const remove = (id: string) => setItems((all) => all.filter((s) => s.id !== id && s.reblog?.id !== id));
  const empty = !loading && !more && items.length === 0;

  return (
    <section aria-label={label} className="videos">
      <div ref={feed} className="video-feed" onScroll={nav.onScroll}>
        {/* A feed only once it has videos: an empty feed would be a feed without its articles. */}
        {items.length > 0 && (
          <div role="feed" aria-busy={loading} aria-label={label}>
            {items.map((status, i) => {
              const video = videoOf(status);
              if (!video) return null;
              return (
                <VideoItem
                  key={status.id}
                  status={status}
                  video={video}
                  active={i === nav.current}
                  preload={i === nav.current || i === nav.current + 1 ? 'auto' : 'metadata'}
                  playing={nav.playing}
                  muted={nav.muted}
                  onPlaying={(play) => (i === nav.current ? nav.setPlaying(play) : nav.go(i))}
                  onMuted={nav.setMuted}
                  onChange={replace}
                  onDelete={remove}
                />
              );
            })}
          </div>
        )}
        <div className="video-end">
          {loading && <p aria-busy="true">{t('common.loading')}</p>}
          {empty && <p className="empty">{t('videos.empty')}</p>}
          {failed && (
            <p className="error" role="alert">
              {t('errors.network')}
            </p>
          )}
          {!loading && more && (failed || items.length === 0 || nav.current === items.length - 1) && (
            <button type="button" className="button secondary" onClick={() => void loadMore()}>
              {t('timeline.loadMore')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
