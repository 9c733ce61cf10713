// Every version of an edited post (its text, attachments and poll options), oldest first, as
// GET /statuses/:id/history gives them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { StatusEdit } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { Content } from './content.tsx';
import { StatusMedia } from './media-gallery.tsx';

export function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [versions, setVersions] = useState<StatusEdit[] | null>(null);
  useEffect(() => {
    void api<StatusEdit[]>(`/api/v1/statuses/${id}/history`).then(setVersions);
  }, [id]);
  if (!versions) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <ol className="history">
      {versions.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a version's place in the history is what it is ("Edit 2"), and the list never changes order.
        <li key={v.created_at + i} className="history-item">
          <p className="muted">
            {i === 0 ? t('history.original') : t('history.edit', { n: i })} · <time dateTime={v.created_at}>{format.date(v.created_at)}</time>
          </p>
          {v.spoiler_text && <p className="spoiler">{v.spoiler_text}</p>}
          <Content className="status-content" html={v.content} />
          <StatusMedia media={v.media_attachments} sensitive={Boolean(v.sensitive)} />
          {v.poll && (
            <ul className="history-poll" aria-label={t('poll.label')}>
              {v.poll.options.map((o, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an option is its place in the poll.
                <li key={j} dir="auto">
                  {o.title}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
