// One screen of the short-video feed: the video (playing while it is the current one, muted unless
// the viewer turned the sound on), who posted it, what they wrote, and the usual actions.
import { useEffect, useEffectEvent, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaAttachment, Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { displayName } from './avatar.tsx';
import { Compose } from './compose.tsx';
import { Content } from './content.tsx';
import { Dialog } from './dialog.tsx';
import { Icon } from './icons.tsx';
import { withOriginal } from './status.tsx';
import { StatusActions } from './status-actions.tsx';
import { StatusDialogs, type StatusDialog } from './status-dialogs.tsx';
import { StatusHeader } from './status-header.tsx';

export interface Playback {
  /** the feed's current video */
  active: boolean;
  /** the current one and the next load in full, the others their first frame and length */
  preload: 'auto' | 'metadata';
  /** whether the current one should play */
  playing: boolean;
  muted: boolean;
  onPlaying: (playing: boolean) => void;
  onMuted: (muted: boolean) => void;
}

interface Props extends Playback {
  /** the timeline's entry: the post, or its boost */
  status: Status;
  video: MediaAttachment;
  onChange: (status: Status) => void;
  onDelete: (id: string) => void;
  ref?: Ref<HTMLElement>;
}

function Player({ video, active, preload, playing, muted, onPlaying, onMuted }: Playback & { video: MediaAttachment }) {
  const { t } = useTranslation();
  const player = useRef<HTMLVideoElement>(null);
  // An animation has no sound to turn on.
  const silent = video.type === 'gifv' || muted;
  const refused = useEffectEvent(() => onPlaying(false));
  useEffect(() => {
    const el = player.current;
    if (!el) return;
    el.muted = silent;
    if (!active || !playing) return void el.pause();
    el.play().catch((error: unknown) => {
      // The browser refused (its autoplay rules): the play button is there. A pause before it started is no refusal.
      if (error instanceof DOMException && error.name === 'NotAllowedError') refused();
    });
  }, [active, playing, silent]);
  const running = active && playing;
  return (
    <>
      {/* biome-ignore lint/a11y/useMediaCaption: Mastodon's attachments carry no caption track; the description (the label) is their text alternative. */}
      <video
        ref={player}
        className="video-player"
        src={video.url ?? undefined}
        poster={video.preview_url ?? undefined}
        preload={preload}
        loop
        muted={silent}
        playsInline
        aria-label={video.description || undefined}
      />
      <button type="button" className={`video-button video-play${running ? '' : ' paused'}`} onClick={() => onPlaying(!running)} aria-label={running ? t('videos.pause') : t('videos.play')}>
        <Icon name={running ? 'pause' : 'play'} />
      </button>
      {video.type !== 'gifv' && (
        <button type="button" className="video-button video-sound" onClick={() => onMuted(!muted)} aria-label={muted ? t('videos.unmute') : t('videos.mute')}>
          <Icon name={muted ? 'muted' : 'sound'} />
        </button>
      )}
    </>
  );
}

export function VideoItem({ status, video, onChange, onDelete, ref, ...playback }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const shown = status.reblog ?? status;
  const [revealed, setRevealed] = useState(false);
  const [replying, setReplying] = useState(false);
  const [dialog, setDialog] = useState<StatusDialog | null>(null);
  // Behind a content warning or marked sensitive, nothing plays before the viewer asks.
  const hidden = (shown.sensitive || Boolean(shown.spoiler_text)) && !revealed;
  const update = (next: Status) => onChange(withOriginal(status, next));
  return (
    <article
      ref={ref}
      className="video-item"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: each video of the feed takes the focus as the keys move to it (WAI-ARIA's feed pattern).
      tabIndex={0}
      aria-label={t('videos.label', { name: displayName(shown.account), time: format.date(shown.created_at) })}
      data-status-id={shown.id}
      data-active={playback.active || undefined}
    >
      <div className="video-stage">
        {hidden ? (
          <div className="video-cover">
            <p dir="auto">{shown.spoiler_text || t('media.sensitive')}</p>
            <button type="button" className="button" onClick={() => setRevealed(true)}>
              {t('media.show')}
            </button>
          </div>
        ) : (
          <Player video={video} {...playback} />
        )}
      </div>
      <div className="video-info">
        <StatusHeader status={status} focused={false} />
        {!hidden && shown.content && <Content className="status-content" html={shown.content} lang={shown.language} />}
        {me && <StatusActions shown={shown} mine={shown.account.id === me.id} update={update} replying={replying} onReply={() => setReplying(true)} onDialog={setDialog} onDelete={onDelete} />}
      </div>
      {replying && (
        <Dialog title={t('compose.replyLabel', { name: displayName(shown.account) })} onClose={() => setReplying(false)}>
          <Compose
            replyTo={shown}
            autoFocus
            onDone={() => {
              setReplying(false);
              update({ ...shown, replies_count: shown.replies_count + 1 });
            }}
          />
        </Dialog>
      )}
      <StatusDialogs shown={shown} open={dialog} onClose={() => setDialog(null)} update={update} />
    </article>
  );
}
