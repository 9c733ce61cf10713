// Private notes: what a user writes about an account for themselves alone (Mastodon's account note).
// No cache holds notes: the verb answers the relationship as it now is, and announces nothing.
import { setNote } from '../../store/relations/endorsements.ts';
import type { Account } from '../accounts/types.ts';
import { ValidationError } from '../errors.ts';
import { targetAccount, type RelationsDeps } from './deps.ts';
import { relationshipOf } from './relationships.ts';
import type { Relationship } from './types.ts';

/** Mastodon's limit on a note. */
export const NOTE_MAX_CHARS = 2000;

export function createNote(deps: RelationsDeps) {
  const { db } = deps;
  return {
    /** Sets the actor's note on an account; an empty or missing comment removes it. */
    async note(actor: Account, targetId: string, comment: string | undefined): Promise<Relationship> {
      const other = await targetAccount(db, targetId);
      const text = comment ?? '';
      if ([...text].length > NOTE_MAX_CHARS) {
        throw new ValidationError({ comment: [{ error: 'ERR_TOO_LONG', description: `is too long (maximum is ${NOTE_MAX_CHARS} characters)` }] });
      }
      await setNote(db, actor.id, other.id, text);
      return relationshipOf(db, actor.id, other.id);
    },
  };
}
