// Search people, hashtags and posts (GET /api/v2/search).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch, useLocation } from 'wouter';
import { api } from '../api/client.ts';
import type { SearchResults } from '../api/types.ts';
import { AccountRow } from '../ui/account-list.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { StatusCard } from '../ui/status.tsx';

export function SearchScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.search'));
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!q) return;
    setBusy(true);
    void api<SearchResults>(`/api/v2/search?q=${encodeURIComponent(q)}&limit=20`)
      .then(setResults)
      .finally(() => setBusy(false));
  }, [q]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) navigate(`/web/search?q=${encodeURIComponent(text.trim())}`);
  };
  const nothing = results && results.accounts.length + results.hashtags.length + results.statuses.length === 0;
  return (
    <div>
      <search>
        <form className="search-form" onSubmit={submit}>
          <label htmlFor="search-q" className="visually-hidden">
            {t('search.label')}
          </label>
          <input
            id="search-q"
            className="input"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('search.placeholder')}
            // biome-ignore lint/a11y/noAutofocus: coming here (the link, or the / shortcut) is asking to type a query, and the screen has nothing else before it.
            autoFocus
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </form>
      </search>
      {busy && <p aria-busy="true">{t('common.loading')}</p>}
      {nothing && <p className="empty">{t('search.nothing')}</p>}
      {results && results.accounts.length > 0 && (
        <section aria-labelledby="search-people">
          <h2 id="search-people" className="section-title">
            {t('search.people')}
          </h2>
          <ul className="account-list">
            {results.accounts.map((a) => (
              <AccountRow key={a.id} account={a} />
            ))}
          </ul>
        </section>
      )}
      {results && results.hashtags.length > 0 && (
        <section aria-labelledby="search-tags">
          <h2 id="search-tags" className="section-title">
            {t('search.hashtags')}
          </h2>
          <ul className="tag-list">
            {results.hashtags.map((h) => (
              <li key={h.name}>
                <Link href={`/web/tags/${encodeURIComponent(h.name)}`}>#{h.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {results && results.statuses.length > 0 && (
        <section aria-labelledby="search-posts">
          <h2 id="search-posts" className="section-title">
            {t('search.posts')}
          </h2>
          {results.statuses.map((s) => (
            <StatusCard key={s.id} status={s} />
          ))}
        </section>
      )}
    </div>
  );
}
