// Settings: the hashtags the user follows (/api/v1/followed_tags), each opening its timeline, each
// unfollowed here in one press.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, apiPage } from '../api/client.ts';
import type { Tag } from '../api/types.ts';

const PAGE = 40;

export function FollowedTags() {
  const { t } = useTranslation();
  const [tags, setTags] = useState<Tag[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const load = useCallback(async (from: string, append: boolean) => {
    const page = await apiPage<Tag>(from);
    setTags((current) => (append && current ? [...current, ...page.items] : page.items));
    setNext(page.items.length < PAGE ? null : page.next);
  }, []);
  useEffect(() => {
    void load(`/api/v1/followed_tags?limit=${PAGE}`, false);
  }, [load]);

  const unfollow = async (name: string) => {
    await api(`/api/v1/tags/${encodeURIComponent(name)}/unfollow`, { method: 'POST' });
    setTags((current) => (current ?? []).filter((tag) => tag.name !== name));
    setSaid(t('tags.unfollowed', { tag: `#${name}` }));
  };

  return (
    <section className="form" aria-labelledby="settings-followed-tags">
      <h2 id="settings-followed-tags" className="section-title">
        {t('tags.followed')}
      </h2>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {!tags && <p aria-busy="true">{t('common.loading')}</p>}
      {tags && tags.length === 0 && <p className="muted">{t('tags.none')}</p>}
      {tags && tags.length > 0 && (
        <ul className="tag-list followed-tags">
          {tags.map((tag) => (
            <li key={tag.name}>
              <Link href={`/web/tags/${encodeURIComponent(tag.name)}`}>#{tag.name}</Link>
              <button type="button" className="button secondary" onClick={() => void unfollow(tag.name)}>
                {t('tags.unfollow', { tag: `#${tag.name}` })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" className="button secondary" onClick={() => void load(next, true)}>
          {t('timeline.loadMore')}
        </button>
      )}
    </section>
  );
}
