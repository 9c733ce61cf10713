// Translating a post for a reader (Mastodon's POST /api/v1/statuses/:id/translate). The author's
// own versions win: a language the author wrote the post in is answered with their text, and no
// machine is asked (whatever the post's visibility: nothing leaves the server). Otherwise a
// machine translation (infra/translator), only of public and unlisted posts (as in Mastodon: others
// are not sent to a third party), kept per edit and language so that asking again calls nothing.
import { keepTranslation, keptTranslation, type KeptTranslation } from '../../store/statuses/translations.ts';
import type { Db } from '../../store/db.ts';
import type { Translator } from '../../infra/translator.ts';
import { memo } from '../../infra/memo.ts';
import { ForbiddenError, NotFoundError, UnavailableError } from '../errors.ts';
import { plainText } from '../filters/match.ts';
import { isId } from '../ids.ts';
import { escapeHtml } from '../text/html.ts';
import { sanitizeHtml } from '../text/sanitize.ts';
import type { StatusView, StatusViews } from './views.ts';

/** A post in the reader's language, as the Translation entity says it. */
export interface Translation {
  content: string;
  spoilerText: string;
  /** the language it is in now */
  language: string;
  detectedSourceLanguage: string;
  poll: { id: string; options: string[] } | null;
  media: { id: string; description: string }[];
  provider: string;
  /** written by the post's author, not by a machine */
  byAuthor: boolean;
}

/** The provider named on an author's own version. */
export const AUTHOR_PROVIDER = 'Author';
const LANGUAGES_TTL_MS = 10 * 60_000;

/** A language as posts carry it: `pt-BR` and `PT` are `pt`. */
const baseCode = (code: string): string => code.toLowerCase().split(/[-_]/)[0]!;

/** The author's text in that language, when they wrote one: the primary or one of its versions. */
function authorVersion(view: StatusView, language: string): Translation | null {
  const { status } = view;
  const written = status.language === language ? { contentHtml: status.contentHtml, spoilerText: status.spoilerText } : view.versions.find((v) => v.language === language);
  if (!written) return null;
  return {
    content: written.contentHtml,
    spoilerText: written.spoilerText,
    language,
    detectedSourceLanguage: status.language ?? language,
    poll: view.poll ? { id: view.poll.id, options: view.poll.options } : null,
    media: view.media.map((m) => ({ id: m.id, description: m.description ?? '' })),
    provider: AUTHOR_PROVIDER,
    byAuthor: true,
  };
}

/** What is sent to the machine, as HTML (plain texts escaped), and how its answer is read back. */
async function machineTranslation(translator: Translator, view: StatusView, language: string): Promise<KeptTranslation> {
  const { status } = view;
  const described = view.media.filter((m) => m.description);
  const plain = [status.spoilerText, ...(view.poll?.options ?? []), ...described.map((m) => m.description!)];
  const texts = [status.contentHtml, ...plain.map(escapeHtml)];
  const answer = await translator.translate({ texts, source: status.language, target: language }).catch((error: unknown) => {
    console.error('[translation]', error instanceof Error ? error.message : error);
    throw new UnavailableError('The translation service is unavailable');
  });
  const [content, spoiler, ...rest] = answer.texts;
  const plainOf = (html: string | undefined) => plainText(html ?? '').trim();
  const options = view.poll ? rest.splice(0, view.poll.options.length).map(plainOf) : null;
  return {
    statusId: status.id,
    edition: status.editedAt ?? status.createdAt,
    language,
    // The service's HTML is served to readers: it passes the allow-list every post passes.
    content: sanitizeHtml(content ?? ''),
    spoilerText: status.spoilerText ? plainOf(spoiler) : '',
    pollOptions: options,
    media: described.map((m, i) => ({ id: m.id, description: plainOf(rest[i]) })),
    detectedSourceLanguage: status.language ?? answer.detected ?? 'und',
    provider: translator.provider,
  };
}

function fromKept(kept: KeptTranslation, view: StatusView): Translation {
  const described = new Map(kept.media.map((m) => [m.id, m.description]));
  return {
    content: kept.content,
    spoilerText: kept.spoilerText,
    language: kept.language,
    detectedSourceLanguage: kept.detectedSourceLanguage,
    poll: view.poll && kept.pollOptions ? { id: view.poll.id, options: kept.pollOptions } : null,
    media: view.media.map((m) => ({ id: m.id, description: described.get(m.id) ?? m.description ?? '' })),
    provider: kept.provider,
    byAuthor: false,
  };
}

export function createTranslate(deps: { db: Db; views: StatusViews; translator: Translator | null }) {
  const { db, views, translator } = deps;
  const languages = translator ? memo(LANGUAGES_TTL_MS, () => translator.languages()) : null;
  return {
    /** A translation service is configured. */
    enabled: translator !== null,

    /** Source language → target languages the service offers ({} without one). */
    async languages(): Promise<Record<string, string[]>> {
      if (!languages) return {};
      return languages().catch((error: unknown) => {
        console.error('[translation]', error instanceof Error ? error.message : error);
        throw new UnavailableError('The translation service is unavailable');
      });
    },

    /** The status (a reblog: what it reblogs) in `target`, for a reader who may see it. */
    async translate(viewerId: string, statusId: string, target: string): Promise<Translation> {
      const found = isId(statusId) ? await views.one(viewerId, statusId) : undefined;
      if (!found) throw new NotFoundError();
      const view = found.reblog ?? found;
      const language = baseCode(target);
      const own = authorVersion(view, language);
      if (own) return own;
      // Without a service, Mastodon answers as if there were nothing here.
      if (!translator) throw new NotFoundError();
      if (view.status.visibility !== 'public' && view.status.visibility !== 'unlisted') throw new ForbiddenError();
      const edition = view.status.editedAt ?? view.status.createdAt;
      const kept = await keptTranslation(db, view.status.id, language, edition);
      if (kept) return fromKept(kept, view);
      const made = await machineTranslation(translator, view, language);
      await keepTranslation(db, made);
      return fromKept(made, view);
    },
  };
}

export type Translate = ReturnType<typeof createTranslate>;
