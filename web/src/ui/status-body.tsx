// What a post says and carries (media or a poll, behind its content warning until revealed), and the line under it: the full
// date in a thread, the visibility, and whether (and when) it was edited.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Poll, Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { Content } from './content.tsx';
import { announcedEventId } from './event-link.ts';
import { StatusMedia } from './media-gallery.tsx';
import { hasVersions, StatusLanguages } from './status-languages.tsx';
import { StatusPoll } from './status-poll.tsx';

interface Props {
  /** the post itself, not its boost */
  shown: Status;
  focused: boolean;
  /** the viewer wrote it */
  mine: boolean;
  onHistory: () => void;
  /** the post's poll as it now is (after a vote or a refresh) */
  onPoll?: ((poll: Poll) => void) | undefined;
  /** the post read again in another of its languages */
  onVersion: (next: Status) => void;
}

export function StatusBody({ shown, focused, mine, onHistory, onPoll, onVersion }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [revealed, setRevealed] = useState(false);
  const hidden = Boolean(shown.spoiler_text) && !revealed;
  // A post in several languages has each marked by its author: its direction follows. Others may be mislabelled.
  const dir = hasVersions(shown) && shown.language ? i18n.dir(shown.language) : 'auto';
  return (
    <>
      {shown.in_reply_to_id && !focused && <p className="status-reply-note">{t('status.inReply')}</p>}
      <StatusLanguages shown={shown} onVersion={onVersion} />
      {shown.spoiler_text && (
        <div className="spoiler">
          <span lang={shown.language ?? undefined} dir={dir}>
            {shown.spoiler_text}
          </span>{' '}
          <button type="button" className="chip" aria-expanded={revealed} onClick={() => setRevealed(!revealed)}>
            {revealed ? t('status.hide') : t('status.show')}
          </button>
        </div>
      )}
      {!hidden && <Content className="status-content" html={shown.content} lang={shown.language} dir={dir} />}
      {/* Behind a content warning, revealing it shows the media too; marked sensitive alone, they wait behind a button of their own. */}
      {!hidden && <StatusMedia media={shown.media_attachments} sensitive={shown.sensitive && !shown.spoiler_text} />}
      {!hidden && shown.poll && <StatusPoll poll={shown.poll} mine={mine} onPoll={onPoll} />}
      <EventLink content={shown.content} />
      <p className="status-meta">
        {focused && <time dateTime={shown.created_at}>{format.date(shown.created_at)}</time>}
        {shown.visibility !== 'public' && <span>{t(`visibility.${shown.visibility}`)}</span>}
        {shown.edited_at && (
          <button type="button" className="link-button" onClick={onHistory}>
            {t('status.edited', { date: format.relative(shown.edited_at) })}
          </button>
        )}
      </p>
    </>
  );
}

/** An event's announcement links to its page: the app opens the event itself. */
function EventLink({ content }: { content: string }) {
  const { t } = useTranslation();
  const id = announcedEventId(content, location.origin);
  if (!id) return null;
  return (
    <p className="event-link">
      <Link href={`/web/events/${id}`} className="button secondary">
        {t('events.open')}
      </Link>
    </p>
  );
}
