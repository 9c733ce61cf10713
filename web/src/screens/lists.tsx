// Lists: the reader's lists (made, renamed by replies policy, deleted), and one list's timeline,
// live over the `list` stream, with its members added from the people the reader follows.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, ApiError } from '../api/client.ts';
import type { Account, List } from '../api/types.ts';
import { AccountRow } from '../ui/account-list.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { Timeline } from '../ui/timeline.tsx';

const POLICIES: List['replies_policy'][] = ['list', 'followed', 'none'];

export function ListsScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.lists'));
  const [lists, setLists] = useState<List[] | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<List[]>('/api/v1/lists').then(setLists);
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const made = await api<List>('/api/v1/lists', { body: { title: title.trim() } });
      setLists((current) => [...(current ?? []), made]);
      setTitle('');
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors.network'));
    }
  };

  return (
    <div>
      <form className="search-form" onSubmit={create}>
        <label htmlFor="list-title" className="visually-hidden">
          {t('lists.newTitle')}
        </label>
        <input id="list-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('lists.newTitle')} required maxLength={100} />
        <button type="submit" className="button">
          {t('lists.create')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!lists && <p aria-busy="true">{t('common.loading')}</p>}
      {lists && lists.length === 0 && <p className="empty">{t('lists.none')}</p>}
      {lists && lists.length > 0 && (
        <ul className="tag-list">
          {lists.map((l) => (
            <li key={l.id}>
              <Link href={`/web/lists/${l.id}`}>{l.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ListScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [list, setList] = useState<List | null>(null);
  const [missing, setMissing] = useState(false);
  const [members, setMembers] = useState<Account[]>([]);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Account[]>([]);
  usePageTitle(list?.title ?? t('nav.lists'));

  useEffect(() => {
    api<List>(`/api/v1/lists/${id}`)
      .then(setList)
      .catch(() => setMissing(true));
    void api<Account[]>(`/api/v1/lists/${id}/accounts?limit=0`).then(setMembers);
  }, [id]);

  // Only people the reader follows can be members (as in Mastodon).
  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound([]);
    const timer = setTimeout(() => void api<Account[]>(`/api/v1/accounts/search?q=${encodeURIComponent(q)}&following=true&limit=10`).then(setFound), 250);
    return () => clearTimeout(timer);
  }, [query]);

  const add = async (account: Account) => {
    await api(`/api/v1/lists/${id}/accounts`, { body: { account_ids: [account.id] } });
    setMembers((current) => (current.some((m) => m.id === account.id) ? current : [...current, account]));
  };
  const remove = async (account: Account) => {
    await api(`/api/v1/lists/${id}/accounts`, { method: 'DELETE', body: { account_ids: [account.id] } });
    setMembers((current) => current.filter((m) => m.id !== account.id));
  };
  const setPolicy = async (repliesPolicy: List['replies_policy']) => {
    setList(await api<List>(`/api/v1/lists/${id}`, { method: 'PUT', body: { replies_policy: repliesPolicy } }));
  };
  const destroy = async () => {
    if (!window.confirm(t('lists.confirmDelete'))) return;
    await api(`/api/v1/lists/${id}`, { method: 'DELETE' });
    navigate('/web/lists');
  };

  if (missing) return <p className="empty">{t('lists.missing')}</p>;
  return (
    <div>
      <details className="list-editor">
        <summary>{t('lists.edit')}</summary>
        <div className="field">
          <label htmlFor="list-policy">{t('lists.replies')}</label>
          <select id="list-policy" className="input" value={list?.replies_policy ?? 'list'} onChange={(e) => void setPolicy(e.target.value as List['replies_policy'])}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`lists.policy.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <h2 className="section-title">{t('lists.members')}</h2>
        {members.length === 0 && <p className="empty">{t('lists.noMembers')}</p>}
        <ul className="account-list">
          {members.map((m) => (
            <MemberRow key={m.id} account={m} action={t('lists.remove')} onClick={() => void remove(m)} />
          ))}
        </ul>
        <div className="field">
          <label htmlFor="list-add">{t('lists.add')}</label>
          <input id="list-add" className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('lists.addPlaceholder')} />
        </div>
        <ul className="account-list">
          {found
            .filter((a) => !members.some((m) => m.id === a.id))
            .map((a) => (
              <MemberRow key={a.id} account={a} action={t('lists.addOne')} onClick={() => void add(a)} />
            ))}
        </ul>
        <button type="button" className="button secondary danger" onClick={() => void destroy()}>
          {t('lists.delete')}
        </button>
      </details>
      <Timeline key={id} id={`list:${id}`} path={`/api/v1/timelines/list/${id}`} stream={{ name: 'list', param: id }} label={list?.title ?? t('nav.lists')} empty={t('lists.empty')} />
    </div>
  );
}

function MemberRow({ account, action, onClick }: { account: Account; action: string; onClick: () => void }) {
  return (
    <AccountRow account={account}>
      <button type="button" className="button secondary" onClick={onClick} aria-label={`${action} @${account.acct}`}>
        {action}
      </button>
    </AccountRow>
  );
}
