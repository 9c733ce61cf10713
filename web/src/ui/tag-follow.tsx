// Following a hashtag from its timeline: its posts then reach the home timeline too
// (/api/v1/tags/:name/follow and /unfollow; the tag's `following` says where it stands).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Tag } from '../api/types.ts';

export function TagFollowButton({ tag }: { tag: string }) {
  const { t } = useTranslation();
  const [following, setFollowing] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/v1/tags/${encodeURIComponent(tag)}`;
  useEffect(() => {
    void api<Tag>(path)
      .then((found) => setFollowing(Boolean(found.following)))
      .catch(() => setFollowing(false));
  }, [path]);
  if (following === null) return null;
  const toggle = async () => {
    setBusy(true);
    try {
      const next = await api<Tag>(`${path}/${following ? 'unfollow' : 'follow'}`, { method: 'POST' });
      setFollowing(Boolean(next.following));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tag-follow">
      <button type="button" className={`button${following ? ' secondary' : ''}`} aria-pressed={following} disabled={busy} onClick={() => void toggle()}>
        {t('tags.follow', { tag: `#${tag}` })}
      </button>
    </div>
  );
}
