// Every version of an edited post (its text, attachments and poll options, and its versions in
// other languages), oldest first, as GET /statuses/:id/history gives them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { StatusEdit } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { Content } from './content.tsx';
import { StatusMedia } from './media-gallery.tsx';

export function History({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [versions, setVersions] = useState<StatusEdit[] | null>(null);
  useEffect(() => {
    void api<StatusEdit[]>(`/api/v1/statuses/${id}/history`).then(setVersions);
  }, [id]);
  if (!versions) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <ol className="history">
      {versions.map((v, i) => {
        // With versions, each language is the author's own label: its direction follows (as on the post).
        const language = v.parley_versions?.length ? (v.language ?? null) : null;
        const dir = language ? i18n.dir(language) : 'auto';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a version's place in the history is what it is ("Edit 2"), and the list never changes order.
          <li key={v.created_at + i} className="history-item">
            <p className="muted">
              {i === 0 ? t('history.original') : t('history.edit', { n: i })} · <time dateTime={v.created_at}>{format.date(v.created_at)}</time>
              {language && <> · {format.languageName(language)}</>}
            </p>
            {v.spoiler_text && (
              <p className="spoiler" lang={language ?? undefined} dir={dir}>
                {v.spoiler_text}
              </p>
            )}
            <Content className="status-content" html={v.content} lang={language} dir={dir} />
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
            <HistoryVersions edit={v} />
          </li>
        );
      })}
    </ol>
  );
}

/** An edit's versions in other languages, each marked with its language and direction. */
function HistoryVersions({ edit }: { edit: StatusEdit }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (!edit.parley_versions?.length) return null;
  return (
    <ul className="history-versions" aria-label={t('history.versions')}>
      {edit.parley_versions.map((v) => (
        <li key={v.language} className="history-version">
          <p className="muted">{format.languageName(v.language)}</p>
          {v.spoiler_text && (
            <p className="spoiler" lang={v.language} dir={i18n.dir(v.language)}>
              {v.spoiler_text}
            </p>
          )}
          <Content className="status-content" html={v.content} lang={v.language} dir={i18n.dir(v.language)} />
        </li>
      ))}
    </ul>
  );
}
