// The languages a post is written in, when its author wrote it in several (Parley's
// `parley_languages`): choosing one reads the post again in that language (`?lang=`) and shows
// that version in its place. The version shown is the pressed button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';

/** Whether a post comes in several languages, each marked by its author. */
export const hasVersions = (status: Status): boolean => (status.parley_languages?.length ?? 0) > 1;

interface Props {
  /** the post itself, not its boost */
  shown: Status;
  onVersion: (next: Status) => void;
}

export function StatusLanguages({ shown, onVersion }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState<string | null>(null);
  if (!hasVersions(shown)) return null;

  const read = async (language: string) => {
    setBusy(language);
    try {
      onVersion(await api<Status>(`/api/v1/statuses/${shown.id}?lang=${encodeURIComponent(language)}`));
    } catch {
      // The version shown stays; the button can be pressed again.
    } finally {
      setBusy(null);
    }
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form's fieldset.
    <div className="status-languages" role="group" aria-label={t('status.readIn')}>
      {shown.parley_languages!.map((language) => (
        <button
          key={language}
          type="button"
          className="chip"
          aria-pressed={shown.language === language}
          aria-busy={busy === language}
          onClick={() => {
            if (shown.language !== language) void read(language);
          }}
        >
          {format.languageName(language)}
        </button>
      ))}
    </div>
  );
}
