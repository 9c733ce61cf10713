// The administrator's announcements at the top of home: the active ones the user has not dismissed,
// kept current by the user stream (a new one appears, a removed or ended one goes).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Announcement } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { streaming } from '../streaming/stream.ts';
import { Content } from './content.tsx';

function useUnreadAnnouncements() {
  const [items, setItems] = useState<Announcement[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api<Announcement[]>('/api/v1/announcements')
        .then((all) => alive && setItems(all.filter((a) => !a.read)))
        .catch(() => undefined);
    void load();
    const leave = streaming.subscribe('user', ({ event, payload }) => {
      if (event === 'announcement') {
        const a = payload as Announcement;
        setItems((current) => [...current.filter((c) => c.id !== a.id), a]);
      } else if (event === 'announcement.delete') setItems((current) => current.filter((c) => c.id !== payload));
      else if (event === 'reconnect') void load();
    });
    return () => {
      alive = false;
      leave();
    };
  }, []);
  const dismiss = (id: string) => {
    setItems((current) => current.filter((c) => c.id !== id));
    void api(`/api/v1/announcements/${id}/dismiss`, { method: 'POST' }).catch(() => undefined);
  };
  return { items, dismiss };
}

export function Announcements() {
  const { t } = useTranslation();
  const format = useFormat();
  const { items, dismiss } = useUnreadAnnouncements();
  if (items.length === 0) return null;
  return (
    <section className="announcements" aria-label={t('announcements.label')}>
      {items.map((a) => (
        <article key={a.id} className="announcement" aria-label={t('announcements.one')}>
          <Content className="status-content" html={a.content} />
          {a.starts_at && a.ends_at && (
            <p className="announcement-dates">
              {t('announcements.dates', { start: a.all_day ? format.day(a.starts_at) : format.date(a.starts_at), end: a.all_day ? format.day(a.ends_at) : format.date(a.ends_at) })}
            </p>
          )}
          <button type="button" className="button secondary" onClick={() => dismiss(a.id)}>
            {t('announcements.dismiss')}
          </button>
        </article>
      ))}
    </section>
  );
}
