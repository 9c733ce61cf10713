// What the hashtag verbs share: their dependencies, what a tag looks like to a viewer, and reading
// the name a request gives.
import type { Db } from '../../store/db.ts';
import type { TagRow } from '../../store/tags/tags.ts';
import type { Changes } from '../changes.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import { isHashtagName } from '../text/entities.ts';
import type { TagHistory } from './history.ts';
import type { TagViews } from './views.ts';

export type { TagRow };

export interface TagsDeps {
  db: Db;
  ids: IdGenerator;
  changes: Changes;
  jobs: Jobs;
}

/** What the verbs that show tags use besides. */
export interface TagsParts extends TagsDeps {
  history: TagHistory;
  views: TagViews;
}

/** One day of a tag's use: UTC midnight in seconds since the epoch, posts, and accounts that wrote them. */
export interface HistoryDay {
  day: number;
  uses: number;
  accounts: number;
}

/** A hashtag as a viewer sees it. */
export interface TagView {
  /** null: no post or follow has used it yet */
  id: string | null;
  /** lower-case, as matched (addresses use it) */
  name: string;
  displayName: string;
  /** the last seven days, newest first */
  history: HistoryDay[];
  /** the viewer's, when signed in */
  following?: boolean | undefined;
  featuring?: boolean | undefined;
}

/** A tag on an account's profile, with the posts carrying it. */
export interface FeaturedTagView {
  id: string;
  tag: TagRow;
  statusesCount: number;
  lastStatusAt: Date | null;
}

/** Longer names are refused (a post's own limit keeps the tags it carries shorter). */
const MAX_NAME = 256;

/** The tag a request names (a leading # allowed), spelt as given; null when it cannot be a hashtag. */
export function givenTag(given: string): { name: string; displayName: string } | null {
  const displayName = given.replace(/^#/, '').trim();
  if (displayName.length === 0 || displayName.length > MAX_NAME || !isHashtagName(displayName)) return null;
  return { name: displayName.toLowerCase(), displayName };
}
