// One post in a list or a thread: author, content (behind its content warning), and the actions
// the viewer may take on it. A boost shows the boosted post, and actions apply to that post.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, ApiError } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { Avatar, displayName } from './avatar.tsx';
import { Compose } from './compose.tsx';
import { Content } from './content.tsx';
import { Dialog } from './dialog.tsx';
import { History } from './history.tsx';
import { Icon } from './icons.tsx';

export function statusPath(s: Status): string {
  return `/web/@${s.account.acct}/${s.id}`;
}

interface Props {
  status: Status;
  onChange?: (status: Status) => void;
  onDelete?: (id: string) => void;
  onReplied?: (reply: Status) => void;
  /** the post a thread is about: shown larger, with its full date */
  focused?: boolean;
}

export function StatusCard({ status, onChange, onDelete, onReplied, focused = false }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const shown = status.reblog ?? status;
  const [revealed, setRevealed] = useState(false);
  const [replying, setReplying] = useState(false);
  const [menu, setMenu] = useState(false);
  const [dialog, setDialog] = useState<'edit' | 'history' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  // An opened menu takes the focus, and closes on a click anywhere else.
  useEffect(() => {
    if (!menu) return;
    menuRef.current?.querySelector<HTMLElement>('button:not(:disabled), a')?.focus();
    const close = (event: MouseEvent) => {
      if (!menuRef.current?.parentElement?.contains(event.target as Node)) setMenu(false);
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [menu]);
  const mine = me !== null && shown.account.id === me.id;
  const canBoost = shown.visibility === 'public' || shown.visibility === 'unlisted' || (mine && shown.visibility === 'private');

  /** Puts the updated original back inside its boost, if it was boosted. */
  const update = (next: Status) => onChange?.(status.reblog ? { ...status, reblog: next } : next);

  async function act(path: string, optimistic: Partial<Status>) {
    setError(null);
    update({ ...shown, ...optimistic });
    try {
      const result = await api<Status>(`/api/v1/statuses/${shown.id}/${path}`, { method: 'POST' });
      // Boosting answers with the boost itself; the original is inside.
      update(path === 'reblog' && result.reblog ? result.reblog : result);
    } catch (e) {
      update(shown);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  }

  async function remove() {
    setMenu(false);
    if (!window.confirm(t('status.confirmDelete'))) return;
    try {
      await api(`/api/v1/statuses/${shown.id}`, { method: 'DELETE' });
      onDelete?.(shown.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  }

  const open = () => navigate(statusPath(shown));
  const openDialog = (which: 'edit' | 'history') => {
    setMenu(false);
    setDialog(which);
  };
  const name = displayName(shown.account);
  const hidden = Boolean(shown.spoiler_text) && !revealed;

  return (
    <article
      className={`status${focused ? ' focused' : ''}`}
      tabIndex={0}
      aria-label={t('status.label', { name, time: format.date(shown.created_at) })}
      data-status-id={shown.id}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget && !focused) open();
      }}
    >
      {status.reblog && (
        <p className="status-prepend">
          <Icon name="boost" /> {t('status.boostedBy', { name: displayName(status.account) })}
        </p>
      )}
      <header className="status-header">
        <Link href={`/web/@${shown.account.acct}`} className="status-author">
          <Avatar account={shown.account} size={focused ? 56 : 46} />
          <span className="names">
            <bdi className="display-name">{name}</bdi>
            <span className="acct" translate="no">
              @{shown.account.acct}
            </span>
          </span>
        </Link>
        <Link href={statusPath(shown)} className="status-time">
          <time dateTime={shown.created_at} title={format.date(shown.created_at)}>
            {format.relative(shown.created_at)}
          </time>
        </Link>
      </header>
      {shown.in_reply_to_id && !focused && <p className="status-reply-note">{t('status.inReply')}</p>}
      {shown.spoiler_text && (
        <div className="spoiler">
          <span dir="auto">{shown.spoiler_text}</span>{' '}
          <button type="button" className="chip" aria-expanded={revealed} onClick={() => setRevealed(!revealed)}>
            {revealed ? t('status.hide') : t('status.show')}
          </button>
        </div>
      )}
      {!hidden && <Content className="status-content" html={shown.content} lang={shown.language} />}
      <p className="status-meta">
        {focused && <time dateTime={shown.created_at}>{format.date(shown.created_at)}</time>}
        {shown.visibility !== 'public' && <span>{t(`visibility.${shown.visibility}`)}</span>}
        {shown.edited_at && (
          <button type="button" className="link-button" onClick={() => setDialog('history')}>
            {t('status.edited', { date: format.relative(shown.edited_at) })}
          </button>
        )}
      </p>
      {me && (
        <div className="status-actions" role="group" aria-label={t('status.actions')}>
          <button type="button" className="action" onClick={() => setReplying(!replying)} aria-expanded={replying}>
            <Icon name="reply" />
            <span className="visually-hidden">{t('status.reply')}</span>
            <span>{format.number(shown.replies_count)}</span>
          </button>
          <button
            type="button"
            className={`action${shown.reblogged ? ' on boost' : ''}`}
            disabled={!canBoost}
            aria-pressed={Boolean(shown.reblogged)}
            onClick={() => act(shown.reblogged ? 'unreblog' : 'reblog', { reblogged: !shown.reblogged, reblogs_count: shown.reblogs_count + (shown.reblogged ? -1 : 1) })}
          >
            <Icon name="boost" />
            <span className="visually-hidden">{t('status.boost')}</span>
            <span>{format.number(shown.reblogs_count)}</span>
          </button>
          <button
            type="button"
            className={`action${shown.favourited ? ' on favourite' : ''}`}
            aria-pressed={Boolean(shown.favourited)}
            onClick={() => act(shown.favourited ? 'unfavourite' : 'favourite', { favourited: !shown.favourited, favourites_count: shown.favourites_count + (shown.favourited ? -1 : 1) })}
          >
            <Icon name="star" filled={Boolean(shown.favourited)} />
            <span className="visually-hidden">{t('status.favourite')}</span>
            <span>{format.number(shown.favourites_count)}</span>
          </button>
          <button
            type="button"
            className={`action${shown.bookmarked ? ' on bookmark' : ''}`}
            aria-pressed={Boolean(shown.bookmarked)}
            aria-label={t('status.bookmark')}
            onClick={() => act(shown.bookmarked ? 'unbookmark' : 'bookmark', { bookmarked: !shown.bookmarked })}
          >
            <Icon name="bookmark" filled={Boolean(shown.bookmarked)} />
          </button>
          <div className="menu-wrap">
            <button type="button" className="action" aria-haspopup="true" aria-expanded={menu} aria-label={t('status.more')} onClick={() => setMenu(!menu)}>
              <Icon name="more" />
            </button>
            {menu && (
              <ul className="menu" ref={menuRef} onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
                {mine && (
                  <li>
                    <button type="button" onClick={() => openDialog('edit')}>
                      {t('status.edit')}
                    </button>
                  </li>
                )}
                {mine && (
                  <li>
                    <button type="button" className="danger" onClick={remove}>
                      {t('status.delete')}
                    </button>
                  </li>
                )}
                <li>
                  <button type="button" onClick={() => openDialog('history')} disabled={!shown.edited_at}>
                    {t('status.history')}
                  </button>
                </li>
                <li>
                  <a href={shown.url ?? shown.uri} onClick={() => setMenu(false)}>
                    {t('status.publicPage')}
                  </a>
                </li>
              </ul>
            )}
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
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
      {dialog === 'edit' && (
        <Dialog title={t('status.editTitle')} onClose={() => setDialog(null)}>
          <Compose
            editing={shown}
            autoFocus
            onDone={(edited) => {
              setDialog(null);
              update(edited);
            }}
          />
        </Dialog>
      )}
      {dialog === 'history' && (
        <Dialog title={t('status.historyTitle')} onClose={() => setDialog(null)}>
          <History id={shown.id} />
        </Dialog>
      )}
    </article>
  );
}
