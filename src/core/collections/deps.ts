// What the collection verbs share: their dependencies and views, finding a collection (anyone's,
// or the owner's own), checking what a collection may say, and who may be featured in one.
import { isLanguageCode } from '../accounts/rules.ts';
import type { Db } from '../../store/db.ts';
import { collectionById, type CollectionRecord } from '../../store/collections/collections.ts';
import type { FeatureCandidate } from '../../store/collections/items.ts';
import type { CollectionItemState } from '../../store/schema/index.ts';
import { ForbiddenError, NotFoundError, Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import { givenTag } from '../tags/deps.ts';

/** Mastodon's limits: 25 accounts in a collection, 40 characters of name, 100 of description. */
export const MAX_ITEMS = 25;
export const MAX_NAME = 40;
export const MAX_DESCRIPTION = 100;
/** Mastodon ties this to the user's role; Parley has one limit for everyone. */
export const MAX_COLLECTIONS = 10;

export interface CollectionsDeps {
  db: Db;
  ids: IdGenerator;
}

export interface CollectionItemView {
  id: string;
  accountId: string;
  state: CollectionItemState;
  createdAt: Date;
}

export interface CollectionView {
  id: string;
  accountId: string;
  ownerUsername: string;
  name: string;
  description: string;
  language: string | null;
  sensitive: boolean;
  discoverable: boolean;
  tag: { name: string; displayName: string } | null;
  createdAt: Date;
  updatedAt: Date;
  /** the items this viewer may see */
  items: CollectionItemView[];
}

export interface CollectionInput {
  name?: string | undefined;
  description?: string | undefined;
  language?: string | undefined;
  sensitive?: boolean | undefined;
  discoverable?: boolean | undefined;
  /** a hashtag, with or without its #; empty to take it away */
  tagName?: string | undefined;
}

/** A collection anyone may ask for: not found when it does not exist or its owner is suspended. */
export async function findCollection(db: Db, id: string): Promise<CollectionRecord> {
  if (!isId(id)) throw new NotFoundError();
  const found = await collectionById(db, id);
  if (!found || found.ownerSuspended) throw new NotFoundError();
  return found;
}

/** A collection its owner changes: forbidden to anyone else, as Mastodon answers. */
export async function ownCollection(db: Db, ownerId: string, id: string): Promise<CollectionRecord> {
  const found = await findCollection(db, id);
  if (found.accountId !== ownerId) throw new ForbiddenError();
  return found;
}

/** What is wrong with a new collection (`creating`) or with the fields given to change one. */
export function collectionProblems(input: CollectionInput, creating: boolean): Problems {
  const problems = new Problems();
  if (creating || input.name !== undefined) {
    if (!input.name?.trim()) problems.add('name', 'ERR_BLANK', "can't be blank");
    else if ([...input.name.trim()].length > MAX_NAME) problems.add('name', 'ERR_TOO_LONG', `is too long (maximum is ${MAX_NAME} characters)`);
  }
  if (input.description !== undefined && [...input.description.trim()].length > MAX_DESCRIPTION) {
    problems.add('description', 'ERR_TOO_LONG', `is too long (maximum is ${MAX_DESCRIPTION} characters)`);
  }
  if (input.language && !isLanguageCode(input.language)) problems.add('language', 'ERR_INCLUSION', 'is not a language code');
  if (input.tagName && !givenTag(input.tagName)) problems.add('tag_name', 'ERR_INVALID', 'is not a valid hashtag');
  return problems;
}

/**
 * Whether an account may be featured (Mastodon's consent rule for local accounts: it must be
 * discoverable, and neither may block the other). Remote accounts would have to approve through
 * their server, which Parley does not ask yet, so they cannot be added.
 */
export function mayFeature(candidate: FeatureCandidate): boolean {
  return candidate.local && candidate.discoverable && !candidate.blocked;
}

export class CannotFeatureError extends ForbiddenError {
  constructor() {
    super('This account cannot be added to collections');
  }
}

/** The candidates for these ids, in their order: not found for an unknown or suspended one, forbidden for one that may not be featured. */
export function checkCandidates(ids: readonly string[], candidates: readonly FeatureCandidate[]): void {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (const id of ids) {
    const found = byId.get(id);
    if (!found || found.suspended) throw new NotFoundError();
  }
  if (candidates.some((c) => !mayFeature(c))) throw new CannotFeatureError();
}
