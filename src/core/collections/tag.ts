// A collection's hashtag: the tag of that name, made when no post has used it yet.
import type { DbOrTx } from '../../store/db.ts';
import { ensureTag } from '../../store/tags/tags.ts';
import type { IdGenerator } from '../ids.ts';
import { givenTag } from '../tags/deps.ts';

/** The id of the tag `given` names (checked beforehand by collectionProblems). */
export async function tagIdFor(db: DbOrTx, ids: IdGenerator, given: string): Promise<string> {
  return (await ensureTag(db, { id: ids(), ...givenTag(given)! })).id;
}
