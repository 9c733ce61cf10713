// What the filter verbs share: their dependencies, checking input, and telling of a change.
import type { Db } from '../../store/db.ts';
import type { FilterAction, FilterContext } from '../../store/schema/index.ts';
import { Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Live } from '../live.ts';
import type { FilterCache } from './cache.ts';

export const FILTER_CONTEXTS: FilterContext[] = ['home', 'notifications', 'public', 'thread', 'account'];
export const FILTER_ACTIONS: FilterAction[] = ['warn', 'hide', 'blur'];
const MAX_KEYWORDS = 100;

export interface FilterInput {
  title?: string | undefined;
  contexts?: string[] | undefined;
  action?: string | undefined;
  /** seconds from now; null: never expires */
  expiresIn?: number | null | undefined;
  keywords?: { id?: string | undefined; keyword?: string | undefined; wholeWord?: boolean | undefined; destroy?: boolean | undefined }[] | undefined;
}

export interface FiltersDeps {
  db: Db;
  ids: IdGenerator;
  live: Live;
  cache: FilterCache;
}

/** Refuses a new filter (`creating`) or the fields given to change one, when something is wrong. */
export function checkFilter(input: FilterInput, creating: boolean): void {
  const problems = new Problems();
  if (creating || input.title !== undefined) {
    if (!input.title?.trim()) problems.add('title', 'ERR_BLANK', "can't be blank");
    else if (input.title.length > 256) problems.add('title', 'ERR_TOO_LONG', 'is too long (maximum is 256 characters)');
  }
  if (creating || input.contexts !== undefined) {
    if (!input.contexts?.length) problems.add('context', 'ERR_BLANK', "can't be blank");
    for (const c of input.contexts ?? []) if (!FILTER_CONTEXTS.includes(c as FilterContext)) problems.add('context', 'ERR_INCLUSION', `${c} is not a filter context`);
  }
  if (input.action !== undefined && !FILTER_ACTIONS.includes(input.action as FilterAction)) problems.add('filter_action', 'ERR_INCLUSION', 'is not included in the list');
  if ((input.keywords?.length ?? 0) > MAX_KEYWORDS) problems.add('keywords_attributes', 'ERR_TOO_LONG', `at most ${MAX_KEYWORDS} keywords`);
  for (const k of input.keywords ?? []) {
    if (!k.destroy && (creating || !k.id || k.keyword !== undefined) && !k.keyword?.trim()) problems.add('keywords.keyword', 'ERR_BLANK', "can't be blank");
  }
  problems.throwIfAny();
}

export const expiry = (seconds: number | null | undefined): Date | null => (seconds ? new Date(Date.now() + seconds * 1000) : null);

/** After a change to the account's filters: forgotten here, and its open screens reload them (the streaming `filters_changed` event). */
export function filtersChanged(deps: FiltersDeps, accountId: string): Promise<void> {
  deps.cache.forget(accountId);
  return deps.live.filtersChanged(accountId);
}
