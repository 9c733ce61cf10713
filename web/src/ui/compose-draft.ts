// What a post being written holds (text, content warning, visibility, language) and how it starts:
// empty, a reply (mentioning the people in the conversation, under its warning and no more public
// than the post it answers), or an edit (the post's source, fetched from the server, with its
// versions in other languages, which compose-versions.ts keeps).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Account, Status, Visibility } from '../api/types.ts';
import { useSession } from '../state/session.tsx';
import type { SourceTranslations } from './compose-versions.ts';
import { isoCode } from './post-languages.ts';

const ORDER: Record<Visibility, number> = { public: 0, unlisted: 1, private: 2, direct: 3 };

/** A reply starts with the handles of everyone in the conversation but the viewer. */
function replyHandles(replyTo: Status | undefined, me: Account | null): string {
  if (!replyTo || !me) return '';
  const handles = [replyTo.account.acct, ...replyTo.mentions.map((m) => m.acct)].filter((acct, i, all) => acct !== me.acct && all.indexOf(acct) === i);
  return handles.map((h) => `@${h} `).join('');
}

export function useDraft(replyTo: Status | undefined, editing: Status | undefined) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [text, setText] = useState(() => replyHandles(replyTo, me));
  const [spoiler, setSpoiler] = useState(replyTo?.spoiler_text ?? '');
  const [warn, setWarn] = useState(Boolean(replyTo?.spoiler_text));
  const defaultVisibility = me?.source?.privacy ?? 'public';
  const [visibility, setVisibility] = useState<Visibility>(replyTo && ORDER[replyTo.visibility] > ORDER[defaultVisibility] ? replyTo.visibility : defaultVisibility);
  const [language, setLanguage] = useState(me?.source?.language ?? isoCode(i18n.language));
  const [loaded, setLoaded] = useState(!editing);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** an edited post's versions in other languages, as its source holds them */
  const [sourceVersions, setSourceVersions] = useState<SourceTranslations | null>(null);

  useEffect(() => {
    if (!editing) return;
    api<{ text: string; spoiler_text: string; translations?: SourceTranslations }>(`/api/v1/statuses/${editing.id}/source`)
      .then((source) => {
        setText(source.text);
        setSpoiler(source.spoiler_text);
        setWarn(Boolean(source.spoiler_text) || Object.values(source.translations ?? {}).some((v) => v.spoiler_text));
        // The source is the primary's text; the post may be shown in another of its languages.
        const primary = editing.parley_languages?.[0] ?? editing.language;
        if (primary) setLanguage(primary);
        setSourceVersions(source.translations ?? {});
        setLoaded(true);
      })
      .catch((e: unknown) => setLoadError(e instanceof ApiError ? e.message : t('errors.network')));
  }, [editing, t]);

  /** After publishing, ready for the next post (visibility and language stay). */
  const clear = () => {
    setText('');
    setSpoiler('');
    setWarn(false);
  };

  return { text, setText, spoiler, setSpoiler, warn, setWarn, visibility, setVisibility, language, setLanguage, loaded, loadError, sourceVersions, clear };
}

export type Draft = ReturnType<typeof useDraft>;
