// A post's attachments: pictures (and silent looping animations) in a grid of one to four, each
// opening full size; video and sound with the browser's own controls; all behind a "show" button
// when the post is marked sensitive.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaAttachment } from '../api/types.ts';
import { MediaViewer } from './media-viewer.tsx';

const visual = (m: MediaAttachment) => m.type === 'image' || m.type === 'gifv';

/** Where a cropped picture is anchored: its focal point, from -1..1 (up is positive) to CSS percentages. */
export function objectPosition(m: MediaAttachment): string | undefined {
  const focus = m.meta?.focus;
  return focus ? `${(focus.x + 1) * 50}% ${(1 - focus.y) * 50}%` : undefined;
}

/** Animations play on their own unless the reader asked the system for less motion. */
export const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function Picture({ media }: { media: MediaAttachment }) {
  const style = { objectPosition: objectPosition(media) };
  const alt = media.description ?? '';
  if (media.type === 'gifv') return <video className="gallery-picture" src={media.url ?? undefined} muted loop playsInline autoPlay={!reducedMotion()} aria-label={alt || undefined} style={style} />;
  return <img className="gallery-picture" src={media.preview_url ?? media.url ?? undefined} alt={alt} loading="lazy" style={style} />;
}

function Gallery({ items, onOpen }: { items: MediaAttachment[]; onOpen: (index: number) => void }) {
  const { t } = useTranslation();
  return (
    <ul className={`gallery gallery-${Math.min(items.length, 4)}`}>
      {items.map((m, i) => (
        <li key={m.id}>
          <button type="button" className="gallery-item" onClick={() => onOpen(i)} aria-label={m.description ? undefined : t('media.open', { n: i + 1 })}>
            <Picture media={m} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Player({ media }: { media: MediaAttachment }) {
  const label = media.description || undefined;
  const src = media.url ?? undefined;
  // biome-ignore lint/a11y/useMediaCaption: Mastodon's attachments carry no caption track; the description (shown as the label) is their text alternative.
  if (media.type === 'video') return <video className="media-video" controls preload="metadata" poster={media.preview_url ?? undefined} src={src} aria-label={label} />;
  // biome-ignore lint/a11y/useMediaCaption: as for video, the description is all the text there is.
  if (media.type === 'audio') return <audio className="media-audio" controls preload="metadata" src={src} aria-label={label} />;
  return (
    <a className="media-link" href={src} target="_blank" rel="noopener noreferrer">
      {media.description || media.url}
    </a>
  );
}

export function StatusMedia({ media, sensitive }: { media: MediaAttachment[] | undefined; sensitive: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(!sensitive);
  const [open, setOpen] = useState<number | null>(null);
  if (!media || media.length === 0) return null;
  const pictures = media.filter(visual);
  return (
    <div className="media">
      {sensitive && (
        <div className="media-sensitive">
          {!shown && <span>{t('media.sensitive')}</span>}
          <button type="button" className="chip" aria-expanded={shown} onClick={() => setShown(!shown)}>
            {shown ? t('media.hide') : t('media.show')}
          </button>
        </div>
      )}
      {shown && pictures.length > 0 && <Gallery items={pictures} onOpen={setOpen} />}
      {shown && media.filter((m) => !visual(m)).map((m) => <Player key={m.id} media={m} />)}
      {open !== null && <MediaViewer items={pictures} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />}
    </div>
  );
}
