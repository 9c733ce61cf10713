// Who may see a status: decided here, once, for every door (API, streaming, federation, web).
import type { Visibility } from '../store/schema/users.ts';

export type { Visibility };

/** What the rules need to know about the viewer's relation to one status and its author. */
export interface ViewerRelation {
  /** null for an anonymous visitor */
  viewerId: string | null;
  authorId: string;
  /** the viewer follows the author */
  follows: boolean;
  /** the viewer is mentioned in the status */
  mentioned: boolean;
  /** the author blocks the viewer */
  blockedByAuthor: boolean;
  authorSuspended: boolean;
}

export interface VisibleStatus {
  visibility: Visibility;
}

/** May this viewer see this status at all (by id, in a thread, in any list)? */
export function canView(status: VisibleStatus, r: ViewerRelation): boolean {
  if (r.authorSuspended) return false;
  const own = r.viewerId !== null && r.viewerId === r.authorId;
  if (own) return true;
  if (r.blockedByAuthor) return false;
  switch (status.visibility) {
    case 'public':
    case 'unlisted':
      return true;
    case 'private':
      return r.follows || r.mentioned;
    case 'direct':
      return r.mentioned;
  }
}

/** Timelines and notifications also hide what the viewer chose not to see. */
export interface ViewerFilters {
  /** the viewer blocks the author */
  blocking: boolean;
  /** the viewer mutes the author */
  muting: boolean;
  /** the viewer blocks the author's domain */
  domainBlocking: boolean;
}

export function hiddenFromLists(f: ViewerFilters): boolean {
  return f.blocking || f.muting || f.domainBlocking;
}

/** Only public and unlisted statuses may be reblogged, and private ones by their own author. */
export function canReblog(status: VisibleStatus & { accountId: string }, viewerId: string): boolean {
  if (status.visibility === 'public' || status.visibility === 'unlisted') return true;
  return status.visibility === 'private' && status.accountId === viewerId;
}

/** The visibility a reblog gets: never wider than the original's. */
export function reblogVisibility(original: Visibility, requested: Visibility | undefined): Visibility {
  const order: Visibility[] = ['public', 'unlisted', 'private', 'direct'];
  const wanted = requested ?? 'public';
  return order.indexOf(wanted) > order.indexOf(original) ? wanted : original;
}
