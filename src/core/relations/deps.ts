// What the relation verbs share: their dependencies, finding the other account, announcing a change.
import { eq } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { accounts } from '../../store/schema/index.ts';
import type { Jobs } from '../jobs.ts';
import type { Account } from '../accounts/types.ts';
import type { Changes, CommittedChange } from '../changes.ts';
import { NotFoundError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import { relationshipOf } from './relationships.ts';
import type { Relationship } from './types.ts';

export interface RelationsDeps {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  notifications: Notifications;
  outbox: Outbox;
  changes: Changes;
}

/** The account a verb acts on: it exists and is not suspended. */
export async function targetAccount(db: Db, id: string): Promise<Account> {
  if (!isId(id)) throw new NotFoundError();
  const found = await db.query.accounts.findFirst({ where: eq(accounts.id, id) });
  if (!found || found.suspendedAt) throw new NotFoundError();
  return found;
}

type Relation = Extract<CommittedChange, { type: 'relation.changed' }>['relation'];

/** Announces a committed change between two accounts, and returns their relationship as it now is. */
export async function committed(deps: RelationsDeps, relation: Relation, actorId: string, otherId: string): Promise<Relationship> {
  await deps.changes.committed({ type: 'relation.changed', relation, actorId, otherId });
  return relationshipOf(deps.db, actorId, otherId);
}
