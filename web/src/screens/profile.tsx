// A person's profile: header, bio, fields, counts, and their posts, replies, followers and
// following; follow, block and mute from here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, ApiError } from '../api/client.ts';
import type { Account, Relationship } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { AccountList } from '../ui/account-list.tsx';
import { Avatar, displayName } from '../ui/avatar.tsx';
import { Content } from '../ui/content.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { Timeline } from '../ui/timeline.tsx';

type Tab = 'posts' | 'replies' | 'followers' | 'following';
const TABS: Tab[] = ['posts', 'replies', 'followers', 'following'];

export function ProfileScreen({ acct, tab = 'posts' }: { acct: string; tab?: Tab }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const [account, setAccount] = useState<Account | null>(null);
  const [relationship, setRelationship] = useState<Relationship | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(account ? displayName(account) : t('nav.profile'));

  const meId = me?.id;
  useEffect(() => {
    setAccount(null);
    setRelationship(null);
    setError(null);
    void (async () => {
      try {
        const found = await api<Account>(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
        setAccount(found);
        if (meId && found.id !== meId) {
          const [r] = await api<Relationship[]>(`/api/v1/accounts/relationships?id[]=${found.id}`);
          setRelationship(r ?? null);
        }
      } catch (e) {
        setError(e instanceof ApiError && e.status === 404 ? t('profile.notFound') : t('errors.network'));
      }
    })();
  }, [acct, meId, t]);

  async function relate(action: string) {
    if (!account) return;
    setError(null);
    try {
      setRelationship(await api<Relationship>(`/api/v1/accounts/${account.id}/${action}`, { method: 'POST' }));
      setAccount(await api<Account>(`/api/v1/accounts/${account.id}`));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  }

  if (error && !account)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!account) return <p aria-busy="true">{t('common.loading')}</p>;
  const mine = me?.id === account.id;
  const base = `/web/@${account.acct}`;
  const followLabel = relationship?.following ? t('profile.unfollow') : relationship?.requested ? t('profile.cancelRequest') : account.locked ? t('profile.requestFollow') : t('profile.follow');

  return (
    <div className="profile">
      <div className="profile-card">
        {/* The server's stand-in header is a light grey picture; a theme-coloured band reads better in the dark. */}
        {account.header.endsWith('/headers/original/missing.png') ? <div className="profile-header-image blank" /> : <img className="profile-header-image" src={account.header} alt="" />}
        <div className="profile-body">
          <div className="profile-top">
            <Avatar account={account} size={88} />
            <div className="profile-actions">
              {mine && (
                <Link href="/web/settings" className="button secondary">
                  {t('profile.edit')}
                </Link>
              )}
              {relationship && !relationship.blocking && (
                <button
                  type="button"
                  className={`button${relationship.following || relationship.requested ? ' secondary' : ''}`}
                  onClick={() => relate(relationship.following || relationship.requested ? 'unfollow' : 'follow')}
                >
                  {followLabel}
                </button>
              )}
              {relationship && (
                <button type="button" className="button secondary" aria-pressed={relationship.muting} onClick={() => relate(relationship.muting ? 'unmute' : 'mute')}>
                  {relationship.muting ? t('profile.unmute') : t('profile.mute')}
                </button>
              )}
              {relationship && (
                <button type="button" className="button secondary danger" aria-pressed={relationship.blocking} onClick={() => relate(relationship.blocking ? 'unblock' : 'block')}>
                  {relationship.blocking ? t('profile.unblock') : t('profile.block')}
                </button>
              )}
            </div>
          </div>
          <h2 className="profile-name">
            <bdi>{displayName(account)}</bdi>
          </h2>
          <p className="acct" translate="no">
            @{account.acct}
            {account.locked && <span className="tag-chip">{t('profile.locked')}</span>}
            {relationship?.followed_by && <span className="tag-chip">{t('profile.followsYou')}</span>}
          </p>
          <Content className="profile-note" html={account.note} />
          {account.fields.length > 0 && (
            <dl className="profile-fields">
              {account.fields.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fields have no id: their place is theirs, and the list is only read here.
                <div key={i} className="profile-field">
                  {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server escapes field names (src/api/mastodon/entities/account.ts); as HTML, the entities read as characters. */}
                  <dt dangerouslySetInnerHTML={{ __html: f.name }} />
                  <dd>
                    <Content html={f.value} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <p className="muted">{t('profile.joined', { date: new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium' }).format(new Date(account.created_at)) })}</p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
      <nav className="tabs" aria-label={t('profile.sections')}>
        {TABS.map((name) => {
          const count = name === 'posts' ? account.statuses_count : name === 'followers' ? account.followers_count : name === 'following' ? account.following_count : null;
          return (
            <Link key={name} href={name === 'posts' ? base : `${base}/${name}`} className="tab-link" aria-current={tab === name ? 'page' : undefined}>
              {count === null ? t(`profile.${name}`) : t(`profile.${name}Count`, { count, formatted: format.number(count) })}
            </Link>
          );
        })}
      </nav>
      {tab === 'posts' && (
        <Timeline key={`p${account.id}`} id={`account:${account.id}`} path={`/api/v1/accounts/${account.id}/statuses?exclude_replies=true`} label={t('profile.posts')} empty={t('profile.noPosts')} />
      )}
      {tab === 'replies' && (
        <Timeline key={`r${account.id}`} id={`account-replies:${account.id}`} path={`/api/v1/accounts/${account.id}/statuses`} label={t('profile.replies')} empty={t('profile.noPosts')} />
      )}
      {tab === 'followers' && <AccountList path={`/api/v1/accounts/${account.id}/followers`} empty={t('profile.noFollowers')} />}
      {tab === 'following' && <AccountList path={`/api/v1/accounts/${account.id}/following`} empty={t('profile.noFollowing')} />}
    </div>
  );
}
