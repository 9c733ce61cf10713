// Notifications, live, with those of one kind about one post folded together ("Ana and 2 others
// favourited your post"), and a filter by kind.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, apiPage } from '../api/client.ts';
import type { Notification } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { streaming } from '../streaming/stream.ts';
import { Avatar, displayName } from '../ui/avatar.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { groupNotifications } from '../ui/notification-groups.ts';
import { StatusCard } from '../ui/status.tsx';
import { RequestsLink } from './notification-requests.tsx';

const FILTERS = ['all', 'mention', 'favourite', 'reblog', 'follow'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE = 40;

/** Seen on this screen means read, here and on the person's other devices and apps. */
function markRead(id: string): void {
  void api('/api/v1/markers', { body: { notifications: { last_read_id: id } } }).catch(() => undefined);
}

/** Accept or refuse someone who asked to follow a locked account. */
function FollowRequestActions({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<'authorize' | 'reject' | null>(null);
  const respond = async (action: 'authorize' | 'reject') => {
    await api(`/api/v1/follow_requests/${accountId}/${action}`, { method: 'POST' });
    setAnswer(action);
  };
  if (answer) return <p className="muted notification-answer">{answer === 'authorize' ? t('notifications.accepted') : t('notifications.rejected')}</p>;
  return (
    <div className="notification-answer">
      <button type="button" className="button" onClick={() => void respond('authorize')}>
        {t('notifications.accept')}
      </button>
      <button type="button" className="button secondary" onClick={() => void respond('reject')}>
        {t('notifications.reject')}
      </button>
    </div>
  );
}

export function NotificationsScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const { setUnread } = useSession();
  usePageTitle(t('nav.notifications'));
  const [items, setItems] = useState<Notification[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');

  useEffect(() => {
    setUnread(() => 0);
    void apiPage<Notification>(`/api/v1/notifications?limit=${PAGE}`).then((page) => {
      setItems(page.items);
      setNext(page.items.length < PAGE ? null : page.next);
      if (page.items[0]) markRead(page.items[0].id);
    });
    return streaming.subscribe('user', ({ event, payload }) => {
      if (event !== 'notification') return;
      const n = payload as Notification;
      markRead(n.id);
      setItems((current) => (current && !current.some((x) => x.id === n.id) ? [n, ...current] : current));
    });
  }, [setUnread]);

  async function more() {
    if (!next) return;
    const page = await apiPage<Notification>(next);
    setItems((current) => [...(current ?? []), ...page.items]);
    setNext(page.items.length < PAGE ? null : page.next);
  }

  const shown = (items ?? []).filter((n) => filter === 'all' || n.type === filter);
  return (
    <div>
      <RequestsLink />
      <fieldset className="tabs" aria-label={t('notifications.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className="tab-link" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`notifications.filters.${f}`)}
          </button>
        ))}
      </fieldset>
      {!items && <p aria-busy="true">{t('common.loading')}</p>}
      {items && shown.length === 0 && <p className="empty">{t('notifications.empty')}</p>}
      <ul className="notifications" aria-live="polite">
        {groupNotifications(shown).map((g) => {
          const first = g.accounts[0]!;
          const who = g.accounts.length > 1 ? t('notifications.andOthers', { name: displayName(first), count: g.accounts.length - 1 }) : displayName(first);
          return (
            <li key={g.key} className={`notification notification-${g.type}`}>
              {g.type !== 'mention' && g.type !== 'status' && (
                <div className="notification-head">
                  <span className="avatars">
                    {g.accounts.slice(0, 4).map((a) => (
                      <Link key={a.id} href={`/web/@${a.acct}`} aria-label={displayName(a)}>
                        <Avatar account={a} size={32} />
                      </Link>
                    ))}
                  </span>
                  <p>
                    <bdi>{who}</bdi> {t(`notifications.types.${g.type}`, { defaultValue: t('notifications.types.other') })} ·{' '}
                    <time dateTime={g.latest.created_at} title={format.date(g.latest.created_at)}>
                      {format.relative(g.latest.created_at)}
                    </time>
                  </p>
                </div>
              )}
              {g.type === 'follow_request' && <FollowRequestActions accountId={first.id} />}
              {g.latest.status && <StatusCard status={g.latest.status} />}
            </li>
          );
        })}
      </ul>
      {next && (
        <div className="load-more">
          <button type="button" className="button secondary" onClick={() => void more()}>
            {t('timeline.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}
