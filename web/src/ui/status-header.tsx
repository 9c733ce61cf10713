// Who wrote a post (and who boosted it), linked to their profile, and when, linked to the post.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { Avatar, displayName } from './avatar.tsx';
import { Icon } from './icons.tsx';
import { statusPath } from './status-path.ts';

export function StatusHeader({ status, focused }: { status: Status; focused: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = status.reblog ?? status;
  return (
    <>
      {status.reblog && (
        <p className="status-prepend">
          <Icon name="boost" /> {t('status.boostedBy', { name: displayName(status.account) })}
        </p>
      )}
      <header className="status-header">
        <Link href={`/web/@${shown.account.acct}`} className="status-author">
          <Avatar account={shown.account} size={focused ? 56 : 46} />
          <span className="names">
            <bdi className="display-name">{displayName(shown.account)}</bdi>
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
    </>
  );
}
