// One post in a list or a thread: author, content (behind its content warning), and the actions
// the viewer may take on it. A boost shows the boosted post, and actions apply to that post.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { displayName } from './avatar.tsx';
import { Compose } from './compose.tsx';
import { StatusActions } from './status-actions.tsx';
import { StatusBody } from './status-body.tsx';
import { StatusDialogs, type StatusDialog } from './status-dialogs.tsx';
import { StatusHeader } from './status-header.tsx';
import { statusPath } from './status-path.ts';

interface Props {
  status: Status;
  onChange?: (status: Status) => void;
  onDelete?: (id: string) => void;
  onReplied?: (reply: Status) => void;
  /** the post a thread is about: shown larger, with its full date */
  focused?: boolean;
}

/** A boost with its original replaced by `next` (or `next` itself for a post that is no boost). */
export const withOriginal = (status: Status, next: Status): Status => (status.reblog ? { ...status, reblog: next } : next);

/** The post as last changed here (a vote, a version read in another language) when no parent keeps it, until the parent gives another. */
function useKept(given: Status, onChange: ((status: Status) => void) | undefined) {
  const [kept, setKept] = useState<{ from: Status; value: Status } | null>(null);
  const status = !onChange && kept?.from === given ? kept.value : given;
  const change = onChange ?? ((value: Status) => setKept({ from: given, value }));
  return { status, change };
}

export function StatusCard({ status: given, onChange, onDelete, onReplied, focused = false }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const { status, change } = useKept(given, onChange);
  const shown = status.reblog ?? status;
  const mine = Boolean(me) && shown.account.id === me?.id;
  const [replying, setReplying] = useState(false);
  const [dialog, setDialog] = useState<StatusDialog | null>(null);

  /** Puts the updated original back inside its boost, if it was boosted. */
  const update = (next: Status) => change(withOriginal(status, next));

  return (
    <article
      className={`status${focused ? ' focused' : ''}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: posts in a feed take the focus (WAI-ARIA's feed pattern), from Tab and from the j and k shortcuts; Enter opens the post.
      tabIndex={0}
      aria-label={t('status.label', { name: displayName(shown.account), time: format.date(shown.created_at) })}
      data-status-id={shown.id}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget && !focused) navigate(statusPath(shown));
      }}
    >
      <StatusHeader status={status} focused={focused} />
      <StatusBody shown={shown} focused={focused} mine={mine} onHistory={() => setDialog('history')} onPoll={(poll) => update({ ...shown, poll })} onVersion={update} />
      {me && <StatusActions shown={shown} mine={mine} update={update} replying={replying} onReply={() => setReplying(!replying)} onDialog={setDialog} onDelete={onDelete} />}
      {replying && (
        <Compose
          replyTo={shown}
          autoFocus
          onDone={(reply) => {
            setReplying(false);
            update({ ...shown, replies_count: shown.replies_count + 1 });
            onReplied?.(reply);
          }}
        />
      )}
      <StatusDialogs shown={shown} open={dialog} onClose={() => setDialog(null)} update={update} />
    </article>
  );
}
