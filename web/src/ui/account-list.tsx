// People in a list (followers, following, search results), each linking to their profile.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { apiPage } from '../api/client.ts';
import type { Account } from '../api/types.ts';
import { Avatar, displayName } from './avatar.tsx';

/** One account, linked to its profile; `children` go beside it (an action button). */
export function AccountRow({ account, children }: { account: Account; children?: ReactNode }) {
  return (
    <li className="account-row">
      <Link href={`/web/@${account.acct}`} className="status-author">
        <Avatar account={account} size={40} />
        <span className="names">
          <bdi className="display-name">{displayName(account)}</bdi>
          <span className="acct" translate="no">
            @{account.acct}
          </span>
        </span>
      </Link>
      {children}
    </li>
  );
}

export function AccountList({ path, empty }: { path: string; empty: string }) {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const load = useCallback(async (from: string, append: boolean) => {
    const page = await apiPage<Account>(from);
    setAccounts((current) => (append && current ? [...current, ...page.items] : page.items));
    setNext(page.next);
  }, []);
  useEffect(() => {
    void load(path, false);
  }, [load, path]);
  if (!accounts) return <p aria-busy="true">{t('common.loading')}</p>;
  if (accounts.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <ul className="account-list">
        {accounts.map((a) => (
          <AccountRow key={a.id} account={a} />
        ))}
      </ul>
      {next && (
        <div className="load-more">
          <button type="button" className="button secondary" onClick={() => void load(next, true)}>
            {t('timeline.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
