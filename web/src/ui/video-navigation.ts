// Moving through the short-video feed: which video is current (the one the snapped scroll shows,
// however it got there: swipe, wheel, keys), whether it plays, and the sound, remembered for the
// browser session. Keys: ArrowDown or j next, ArrowUp or k previous, Space plays or pauses, m sound.
import { useEffect, useEffectEvent, useState, type RefObject } from 'react';
import { isTyping } from './layout.tsx';
import { reducedMotion } from './media-gallery.tsx';

const SOUND_KEY = 'parley.videos.sound';

/** Videos start on their own, unless the viewer asked the system for less motion: then they wait for the play button. */
const autoplay = () => !reducedMotion();

function soundWasOn(): boolean {
  try {
    return sessionStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Keys that belong to what has the focus: a field, a dialog, or Space on a button or link. */
function theirs(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (isTyping(target) || target?.closest?.('dialog')) return true;
  return event.key === ' ' && Boolean(target?.closest?.('button, a, summary'));
}

export function useVideoNavigation(feed: RefObject<HTMLElement | null>, count: number) {
  const [active, setActive] = useState(0);
  const [playing, setPlaying] = useState(autoplay);
  const [muted, setMutedState] = useState(() => !soundWasOn());
  const current = Math.max(0, Math.min(active, count - 1));

  const setMuted = (next: boolean) => {
    setMutedState(next);
    try {
      sessionStorage.setItem(SOUND_KEY, next ? 'off' : 'on');
    } catch {
      // Storage refused (private browsing): the choice lasts for this page only.
    }
  };

  /** The item the scroll has snapped to (nearest, while it moves) becomes the current one. */
  const onScroll = () => {
    const el = feed.current;
    if (!el || el.clientHeight === 0) return;
    const index = Math.max(0, Math.min(Math.round(el.scrollTop / el.clientHeight), count - 1));
    if (index === current) return;
    setActive(index);
    setPlaying(autoplay());
  };

  /** Scrolls to item `index` and gives it the focus (onScroll then makes it current). */
  const go = (index: number) => {
    const el = feed.current;
    if (!el || count === 0) return;
    const target = Math.max(0, Math.min(index, count - 1));
    el.scrollTo({ top: target * el.clientHeight, behavior: reducedMotion() ? 'auto' : 'smooth' });
    el.querySelectorAll<HTMLElement>('.video-item')[target]?.focus({ preventScroll: true });
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || theirs(event)) return;
    if (event.key === 'ArrowDown' || event.key === 'j') go(current + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') go(current - 1);
    else if (event.key === ' ') setPlaying(!playing);
    else if (event.key === 'm') setMuted(!muted);
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return { current, playing, setPlaying, muted, setMuted, onScroll, go };
}
