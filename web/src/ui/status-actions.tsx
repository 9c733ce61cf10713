// The viewer's buttons under a post: reply, boost, favourite, bookmark, and the "more" menu.
import { useTranslation } from 'react-i18next';
import type { Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { Icon } from './icons.tsx';
import { StatusMenu } from './status-menu.tsx';
import { useStatusVerbs } from './status-verbs.ts';

interface Props {
  /** the post itself, not its boost */
  shown: Status;
  mine: boolean;
  update: (next: Status) => void;
  replying: boolean;
  onReply: () => void;
  onDialog: (which: 'edit' | 'history') => void;
  onDelete: ((id: string) => void) | undefined;
}

export function StatusActions({ shown, mine, update, replying, onReply, onDialog, onDelete }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { act, remove, error } = useStatusVerbs(shown, update, onDelete);
  const canBoost = shown.visibility === 'public' || shown.visibility === 'unlisted' || (mine && shown.visibility === 'private');
  return (
    <>
      <fieldset className="status-actions" aria-label={t('status.actions')}>
        <button type="button" className="action" onClick={onReply} aria-expanded={replying}>
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
        <StatusMenu shown={shown} mine={mine} onEdit={() => onDialog('edit')} onDelete={() => void remove()} onHistory={() => onDialog('history')} />
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
