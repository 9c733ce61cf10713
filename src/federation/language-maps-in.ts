// A remote Note's text in one language or several: `content` and `summary` as servers that read
// only those see it, `contentMap` and `summaryMap` by language. With several languages the post
// gets versions (see core/statuses/remote-versions, which checks them): its primary is the entry
// matching `content`, or else the first; a note in one language reads as it always has.
import type { LanguageString, Note, Question } from '@fedify/vocab';
import type { RemoteVersionInput } from '../core/statuses/remote-versions.ts';

export interface NoteLanguages {
  language: string | null;
  contentHtml: string;
  spoilerText: string;
  versions: RemoteVersionInput[];
}

const isMapped = (value: string | LanguageString): value is LanguageString => typeof value !== 'string';
const plainOf = (values: readonly (string | LanguageString)[]) => values.find((v) => typeof v === 'string');

export function languagesOfNote(note: Note | Question): NoteLanguages {
  const contents = note.contents.filter(isMapped);
  const spoilerText = note.summary?.toString() ?? '';
  if (contents.length < 2) return { language: contents[0]?.locale.language ?? null, contentHtml: note.content?.toString() ?? '', spoilerText, versions: [] };
  const plain = plainOf(note.contents);
  const primary = contents.find((c) => c.toString() === plain) ?? contents[0]!;
  const summaries = note.summaries.filter(isMapped);
  const plainSummary = plainOf(note.summaries);
  // A server that gives one content warning and no summaryMap means it for every version.
  const summaryIn = (c: LanguageString) =>
    (summaries.find((s) => s.locale.baseName === c.locale.baseName) ?? summaries.find((s) => s.locale.language === c.locale.language))?.toString() ??
    (summaries.length === 0 ? (plainSummary ?? '') : '');
  return {
    language: primary.locale.language,
    contentHtml: primary.toString(),
    spoilerText: plainSummary ?? summaryIn(primary),
    versions: contents.filter((c) => c !== primary).map((c) => ({ language: c.locale.baseName, contentHtml: c.toString(), spoilerText: summaryIn(c) })),
  };
}
