// The attachments of a post being written, each with its picture (or an icon for sound and video),
// its upload progress, then "processing…", its description and a remove button; and the button
// that adds files.
import { useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, Attachments, Focus } from './compose-media.ts';
import { Icon } from './icons.tsx';

const clamp = (n: number) => Math.round(Math.max(-1, Math.min(1, n)) * 100) / 100;
const STEP: Record<string, [number, number]> = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, 0.1], ArrowDown: [0, -0.1] };

/** The picture, on which a click (or the arrow keys) sets the focal point: the part kept in view when cropped. */
function FocusPicker({ item, onFocus }: { item: Attachment; onFocus: (focus: Focus) => void }) {
  const { t } = useTranslation();
  const focus = item.focus ?? { x: 0, y: 0 };
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    const img = e.currentTarget.querySelector('img');
    if (!img || e.detail === 0) return;
    const r = img.getBoundingClientRect();
    onFocus({ x: clamp(((e.clientX - r.left) / r.width) * 2 - 1), y: clamp(1 - ((e.clientY - r.top) / r.height) * 2) });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const step = STEP[e.key];
    if (!step) return;
    e.preventDefault();
    onFocus({ x: clamp(focus.x + step[0]), y: clamp(focus.y + step[1]) });
  };
  return (
    <button type="button" className="attachment-thumb" onClick={onClick} onKeyDown={onKeyDown} aria-label={t('media.focus', { name: item.name })} disabled={item.state !== 'ready'}>
      <img src={item.thumb ?? undefined} alt="" />
      {item.focus && <span className="focus-mark" aria-hidden="true" style={{ left: `${(focus.x + 1) * 50}%`, top: `${(1 - focus.y) * 50}%` }} />}
    </button>
  );
}

function Progress({ item }: { item: Attachment }) {
  const { t } = useTranslation();
  if (item.state === 'failed') return <p className="error">{t('media.failed', { error: item.error })}</p>;
  if (item.state === 'processing') return <p className="muted">{t('media.processing')}</p>;
  if (item.state !== 'uploading') return null;
  const percent = Math.round(item.progress * 100);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('media.uploading', { name: item.name })}>
      <div className="progress-bar" style={{ width: `${percent}%` }} />
    </div>
  );
}

function AttachmentItem({ item, attachments, id }: { item: Attachment; attachments: Attachments; id: string }) {
  const { t } = useTranslation();
  const described = item.description.trim().length > 0;
  const field = `${id}-alt-${item.key}`;
  return (
    <li className="attachment">
      {item.kind === 'image' && item.thumb ? (
        <FocusPicker item={item} onFocus={(focus) => attachments.setFocus(item.key, focus)} />
      ) : (
        <span className="attachment-thumb attachment-icon">
          <Icon name={item.kind === 'audio' ? 'music' : item.kind === 'video' ? 'film' : 'image'} />
        </span>
      )}
      <div className="attachment-details">
        <Progress item={item} />
        <label className="visually-hidden" htmlFor={field}>
          {t('media.description', { name: item.name })}
        </label>
        <textarea
          id={field}
          className="input"
          rows={2}
          value={item.description}
          onChange={(e) => attachments.describe(item.key, e.target.value)}
          placeholder={t('media.descriptionPlaceholder')}
          aria-describedby={described ? undefined : `${field}-warning`}
        />
        {!described && (
          <p id={`${field}-warning`} className="attachment-warning">
            {t('media.noDescription')}
          </p>
        )}
      </div>
      <button type="button" className="button secondary attachment-remove" onClick={() => attachments.remove(item.key)} aria-label={t('media.remove', { name: item.name })}>
        ×
      </button>
    </li>
  );
}

export function AttachmentList({ attachments, id }: { attachments: Attachments; id: string }) {
  const { items, problems } = attachments;
  return (
    <>
      {items.length > 0 && (
        <ul className="attachments">
          {items.map((item) => (
            <AttachmentItem key={item.key} item={item} attachments={attachments} id={id} />
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <div className="error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
    </>
  );
}

/** A button opening the file picker, for the types the server takes (`blocked`: a poll is there). */
export function AddMedia({ attachments, accept, blocked }: { attachments: Attachments; accept: string[] | undefined; blocked: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="chip add-media" onClick={() => input.current?.click()} disabled={attachments.room <= 0 || blocked} title={blocked ? t('poll.notWithMedia') : undefined}>
        <Icon name="image" /> {t('media.add')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={accept?.join(',')}
        aria-label={t('media.add')}
        onChange={(e) => {
          attachments.add([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </>
  );
}
