// A post's pictures full size, in a dialog: Escape closes it, the arrow keys (or the buttons) go
// from one picture to the next.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaAttachment } from '../api/types.ts';
import { Dialog } from './dialog.tsx';
import { reducedMotion } from './media-gallery.tsx';

interface Props {
  items: MediaAttachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

export function MediaViewer({ items, index, onIndex, onClose }: Props) {
  const { t } = useTranslation();
  const item = items[index]!;
  const step = (by: number) => onIndex((index + by + items.length) % items.length);
  useEffect(() => {
    // In a right-to-left language, the next picture is to the left.
    const rtl = document.documentElement.dir === 'rtl';
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      const next = e.key === 'ArrowRight' ? !rtl : rtl;
      onIndex((index + (next ? 1 : -1) + items.length) % items.length);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [index, items.length, onIndex]);
  const description = item.description ?? '';
  return (
    <Dialog title={t('media.viewerTitle', { n: index + 1, total: items.length })} onClose={onClose} wide>
      <figure className="viewer">
        {item.type === 'gifv' ? (
          <video src={item.url ?? undefined} controls loop muted playsInline autoPlay={!reducedMotion()} aria-label={description || undefined} />
        ) : (
          <img src={item.url ?? undefined} alt={description} />
        )}
        {description && <figcaption>{description}</figcaption>}
      </figure>
      {items.length > 1 && (
        <div className="viewer-nav">
          <button type="button" className="button secondary" onClick={() => step(-1)}>
            {t('media.previous')}
          </button>
          <button type="button" className="button secondary" onClick={() => step(1)}>
            {t('media.next')}
          </button>
        </div>
      )}
    </Dialog>
  );
}
