// The Translation entity (POST /api/v1/statuses/:id/translate). `parley_author_version` says the
// text is the author's own version in that language, not a machine's (its provider is "Author").
import type { Translation } from '../../../core/statuses/translate.ts';

export function serializeTranslation(t: Translation) {
  return {
    content: t.content,
    spoiler_text: t.spoilerText,
    poll: t.poll ? { id: t.poll.id, options: t.poll.options.map((title) => ({ title })) } : null,
    media_attachments: t.media,
    detected_source_language: t.detectedSourceLanguage,
    language: t.language,
    provider: t.provider,
    parley_author_version: t.byAuthor,
  };
}
