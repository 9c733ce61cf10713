// The short-video feed's posts: videos from the people the viewer follows (home) and from the public
// timeline, merged newest first, each post once (a boost counts as its original). Mastodon's home
// timeline takes no only_media, so its pages are filtered here and read on until videos turn up.
import { useCallback, useRef, useState } from 'react';
import { apiPage } from '../api/client.ts';
import type { MediaAttachment, Status } from '../api/types.ts';

const SOURCES = ['/api/v1/timelines/home', '/api/v1/timelines/public?only_media=true'];
/** Pages read for one "more" at most: a home full of text must not be read to its end at once. */
const MAX_ROUNDS = 6;

const isVideo = (m: MediaAttachment) => (m.type === 'video' || m.type === 'gifv') && Boolean(m.url);
/** The post's first video or animation, if it has one. */
export const videoOf = (status: Status) => (status.reblog ?? status).media_attachments?.find(isVideo);

interface Source {
  /** the API path of its next page, null once read to its end */
  next: string | null;
  /** read, not yet in the feed: something newer may still come from another source */
  waiting: Status[];
  /** the id of the oldest entry read so far */
  oldest: string | null;
}

/** Ids are numbers written without leading zeros: a longer one is larger. */
const newer = (a: string, b: string) => (a.length === b.length ? a > b : a.length > b.length);

/**
 * Both timelines are ordered by their entries' ids. An entry is ready when every source still open
 * has been read past it: none of them can then bring anything newer.
 */
export function takeReady(sources: Source[]): Status[] {
  const open = sources.filter((s) => s.next !== null);
  if (open.some((s) => s.oldest === null)) return [];
  const floor = open.reduce<string | null>((max, s) => (max === null || newer(s.oldest as string, max) ? s.oldest : max), null);
  const ready: Status[] = [];
  for (const source of sources) {
    const cut = floor === null ? source.waiting.length : source.waiting.findIndex((s) => newer(floor, s.id));
    const end = cut === -1 ? source.waiting.length : cut;
    ready.push(...source.waiting.slice(0, end));
    source.waiting = source.waiting.slice(end);
  }
  return ready.sort((a, b) => (newer(a.id, b.id) ? -1 : 1));
}

/** The open sources that hold the others back: never read, or read the least far back. */
function blocking(sources: Source[]): Source[] {
  const open = sources.filter((s) => s.next !== null);
  const unread = open.filter((s) => s.oldest === null);
  if (unread.length > 0) return unread;
  const last = open.reduce<Source | undefined>((a, s) => (!a || newer(s.oldest as string, a.oldest as string) ? s : a), undefined);
  return last ? [last] : [];
}

async function read(source: Source): Promise<void> {
  const page = await apiPage<Status>(source.next as string);
  source.waiting.push(...page.items);
  source.oldest = page.items.at(-1)?.id ?? source.oldest;
  source.next = page.items.length > 0 ? page.next : null;
}

export function useVideoFeed() {
  const [items, setItems] = useState<Status[]>([]);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [more, setMore] = useState(true);
  const sources = useRef<Source[]>(SOURCES.map((next) => ({ next, waiting: [], oldest: null })));
  const seen = useRef(new Set<string>());
  // A ref, not the state: the first page and the end of the feed may both ask before a render.
  const busy = useRef(false);

  const loadMore = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    setFailed(false);
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const toRead = blocking(sources.current);
        if (toRead.length === 0) break;
        await Promise.all(toRead.map(read));
        const fresh = takeReady(sources.current).filter((s) => {
          const id = (s.reblog ?? s).id;
          if (!videoOf(s) || seen.current.has(id)) return false;
          seen.current.add(id);
          return true;
        });
        if (fresh.length > 0) {
          setItems((current) => [...current, ...fresh]);
          break;
        }
      }
    } catch {
      setFailed(true);
    } finally {
      setMore(sources.current.some((s) => s.next !== null));
      busy.current = false;
      setLoading(false);
    }
  }, []);

  return { items, setItems, loading, failed, more, loadMore };
}
