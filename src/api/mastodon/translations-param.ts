// Parley's `translations` parameter of POST and PUT /api/v1/statuses: the post's versions in other
// languages, keyed by language (`{"th": {"status": "...", "spoiler_text": "..."}}`, or in a form
// `translations[th][status]=...`). The core checks the languages and texts (see statuses/versions).
import { z } from 'zod';
import type { VersionInput } from '../../core/statuses/versions.ts';
import { zString } from '../params.ts';
import type { KeptVersion } from '../../store/schema/index.ts';

export const versionParams = z.object({ status: zString, spoiler_text: zString.optional() });

export const translationsParam = z.record(z.string(), versionParams).optional();

/** The versions on StatusSource, as the parameter takes them back (none: the key is left out). */
export function sourceVersions(versions: readonly KeptVersion[]): { translations?: Record<string, { status: string; spoiler_text: string }> } {
  if (versions.length === 0) return {};
  return { translations: Object.fromEntries(versions.map((v) => [v.language, { status: v.text, spoiler_text: v.spoilerText }])) };
}

export function versionInputs(given: z.infer<typeof translationsParam>): VersionInput[] | undefined {
  return given && Object.entries(given).map(([language, v]) => ({ language, text: v.status, spoilerText: v.spoiler_text }));
}
