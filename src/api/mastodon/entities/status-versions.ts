// A post's versions in other languages, as the Status entity shows them: `content`, `spoiler_text`
// and `language` are the reader's version (a 'replace' viewer part: the shared entity holds the
// primary's), and `parley_languages` lists every language the post is written in, primary first
// (empty when it has one), so that Parley-aware apps can offer the others (`?lang=`).
import type { StatusVersion } from '../../../core/statuses/service.ts';
import { chooseVersion } from '../../../core/statuses/versions.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import type { PartInput, ViewerPart } from './viewer-parts.ts';

const NONE: readonly string[] = [];

export function languagesOfPost(view: StatusView): readonly string[] {
  if (view.versions.length === 0) return NONE;
  return [view.status.language ?? 'und', ...view.versions.map((v) => v.language)];
}

const chosen = ({ view, languages }: PartInput) => chooseVersion(view.status.language, view.versions, languages);

export const VERSION_PART: ViewerPart = {
  name: 'version',
  at: [],
  mode: 'replace',
  keys: ['content', 'spoiler_text', 'language'],
  write(into, input) {
    const v = chosen(input);
    if (!v) return;
    into.content = v.contentHtml;
    into.spoiler_text = v.spoilerText;
    into.language = v.language;
  },
  shapes: 1,
  // Most posts have one language: no choosing, the shared bytes stay.
  shape: (input) => (input.view.versions.length === 0 || !input.languages || !chosen(input) ? 0 : -1),
  applies: (view) => view.versions.length > 0,
  varies: true,
};

/** Whether the status, or one it carries (reblogged, quoted), has versions: only then do readers' languages matter. */
export function hasVersions(view: StatusView | null | undefined): boolean {
  return !!view && (view.versions.length > 0 || hasVersions(view.reblog) || hasVersions(view.quote?.status));
}

/**
 * Which version a reader with these languages gets of the status and of those it carries, as one
 * key: readers with the same key get the same entity ('' when every one is the primary), so a
 * stream renders it once per key, not once per reader.
 */
export function versionsChosen(view: StatusView, languages: readonly string[]): string {
  const chosen: string[] = [];
  const visit = (v: StatusView | null | undefined): void => {
    if (!v) return;
    chosen.push(chooseVersion(v.status.language, v.versions, languages)?.language ?? '');
    visit(v.reblog);
    visit(v.quote?.status);
  };
  visit(view);
  return chosen.some((c) => c !== '') ? chosen.join(',') : '';
}

/** A StatusEdit's versions in other languages, each with its text (as the history keeps them). */
export function editVersions(version: StatusVersion): { language?: string | null; parley_versions?: { language: string; content: string; spoiler_text: string }[] } {
  if (version.versions.length === 0) return {};
  return {
    language: version.language,
    parley_versions: version.versions.map((v) => ({ language: v.language, content: v.contentHtml, spoiler_text: v.spoilerText })),
  };
}
