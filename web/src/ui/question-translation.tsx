// A question translated into the reader's language by the server (Mastodon's translate, on the
// question's post), shown under the original: an embassy hears questions in many languages.
// Offered only where the server translates, and not for a question already in the reader's language.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import type { Question } from '../api/event-types.ts';
import { translateStatus, type Translation } from '../api/translate.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { Content } from './content.tsx';
import { isoCode } from './post-languages.ts';

export function QuestionTranslation({ question }: { question: Question }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { instance } = useSession();
  const [shown, setShown] = useState<Translation | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = isoCode(i18n.language);
  if (!instance?.configuration.translation?.enabled || question.language === target) return null;

  const toggle = () => {
    if (open || shown) {
      setOpen(!open);
      return;
    }
    setBusy(true);
    setError(null);
    translateStatus(question.status_id, target)
      .then((translation) => {
        setShown(translation);
        setOpen(true);
      })
      .catch((failure: unknown) => setError(failure instanceof ApiError ? failure.message : t('errors.network')))
      .finally(() => setBusy(false));
  };

  return (
    <div className="question-translation">
      <button type="button" className="chip" aria-expanded={open} disabled={busy} onClick={toggle}>
        {open ? t('events.hideTranslation') : t('events.translate')}
      </button>
      {open && shown && (
        <section className="translation" aria-label={t('events.translation')}>
          <p className="answer-label">{t('events.translatedFrom', { language: format.languageName(shown.detected_source_language), provider: shown.provider })}</p>
          <Content className="question-text" html={shown.content} lang={target} />
        </section>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
