// Operators as Mastodon reads them, turned into conditions on statuses: `from:` (an account, `me`),
// `has:`/`is:` (media, image, video, audio, poll, link, embed, reply, sensitive: Mastodon takes
// either word for any of them), `language:`, and `before:`/`after:`/`during:` (a day, UTC, or an
// instant). An operator that asks for what cannot be (an unknown account, property or date) finds
// nothing; excluding it leaves everything.
import type { MediaKind, StatusCondition } from '../../store/search/statuses.ts';
import type { SearchOperator } from './query.ts';

type Property = MediaKind | 'poll' | 'link' | 'embed' | 'reply' | 'sensitive';
const PROPERTIES = new Set<Property>(['media', 'image', 'video', 'audio', 'poll', 'link', 'embed', 'reply', 'sensitive']);
const DAY_MS = 86_400_000;

function propertyCondition(value: string, negated: boolean): StatusCondition | null {
  const property = value.toLowerCase() as Property;
  // Parley makes no link previews, so no post has a video preview (Mastodon's `embed`).
  if (!PROPERTIES.has(property) || property === 'embed') return negated ? null : { kind: 'nothing' };
  if (property === 'poll' || property === 'link' || property === 'reply' || property === 'sensitive') return { kind: property, negated };
  return { kind: 'media', media: property, negated };
}

/** A day (`2024-05-01`, a whole UTC day) or an instant (`2024-05-01T10:00:00Z`); undefined when neither. */
export function dateRange(value: string): { start: Date; end: Date } | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const start = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    // 2024-02-30 is not a day (Date.UTC would roll it over to March).
    if (start.toISOString().slice(0, 10) !== value) return undefined;
    return { start, end: new Date(start.getTime() + DAY_MS) };
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : { start: instant, end: instant };
}

function dateCondition(name: 'before' | 'after' | 'during', value: string, negated: boolean): StatusCondition | null {
  const range = dateRange(value);
  if (!range) return negated ? null : { kind: 'nothing' };
  if (name === 'before') return { kind: 'created', before: range.start, negated };
  if (name === 'after') return { kind: 'created', from: range.end, negated };
  return { kind: 'created', from: range.start, before: range.end, negated };
}

/** A language code as statuses carry it: `pt-BR`, `pt_br` and `PT` are all `pt`. */
export function languageCode(value: string): string {
  return value.toLowerCase().split(/[-_]/)[0]!;
}

/**
 * The conditions of the operators; `authorOf` finds the account an operator's value names (`me`
 * is resolved before it is asked).
 */
export async function operatorConditions(operators: readonly SearchOperator[], viewerId: string, authorOf: (acct: string) => Promise<string | undefined>): Promise<StatusCondition[]> {
  const conditions: StatusCondition[] = [];
  for (const { name, value, negated } of operators) {
    let condition: StatusCondition | null;
    if (name === 'from') {
      const accountId = value.toLowerCase() === 'me' ? viewerId : await authorOf(value);
      condition = accountId ? { kind: 'author', accountId, negated } : negated ? null : { kind: 'nothing' };
    } else if (name === 'has' || name === 'is') condition = propertyCondition(value, negated);
    else if (name === 'language') condition = { kind: 'language', language: languageCode(value), negated };
    else condition = dateCondition(name, value, negated);
    if (condition) conditions.push(condition);
  }
  return conditions;
}
