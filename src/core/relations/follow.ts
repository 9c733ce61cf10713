// Following: at once, or by request when the target is locked or remote; following again changes
// the follow's options.
import type { DbOrTx } from '../../store/db.ts';
import { bumpFollowCounts, insertFollow, updateFollow, type FollowValues } from '../../store/relations/follows.ts';
import { blocksDomain } from '../../store/relations/domain-blocks.ts';
import { upsertRequest } from '../../store/relations/requests.ts';
import type { Account } from '../accounts/types.ts';
import { ForbiddenError, Problems } from '../errors.ts';
import { isRemote } from '../outbox.ts';
import { committed, targetAccount, type RelationsDeps } from './deps.ts';
import { relationshipOf } from './relationships.ts';
import type { FollowOptions, Relationship } from './types.ts';

function validateLanguages(languages: string[] | null | undefined): void {
  const problems = new Problems();
  for (const l of languages ?? []) if (!/^[a-z]{2,3}$/.test(l)) problems.add('languages', 'ERR_INVALID', `${l} is not a language code`);
  problems.throwIfAny();
}

/** Following again changes the options given, as Mastodon does; a remote server asking again (it lost our Accept) is answered again. */
async function followAgain(deps: RelationsDeps, tx: DbOrTx, actor: Account, other: Account, options: FollowOptions, values: FollowValues): Promise<void> {
  const changes: Partial<FollowValues> = {};
  if (options.reblogs !== undefined) changes.showReblogs = options.reblogs;
  if (options.notify !== undefined) changes.notify = options.notify;
  if (options.languages !== undefined) changes.languages = values.languages;
  if (values.uri) changes.uri = values.uri;
  if (Object.keys(changes).length > 0) await updateFollow(tx, actor.id, other.id, changes);
  if (isRemote(actor)) await deps.outbox.publish(tx, { type: 'follow.accepted', accountId: actor.id, targetId: other.id, uri: values.uri });
}

/** A request to a locked or remote account: the target is told once, a remote one's server too. */
async function request(deps: RelationsDeps, tx: DbOrTx, actor: Account, other: Account, values: FollowValues): Promise<void> {
  const row = await upsertRequest(tx, { id: deps.ids(), accountId: actor.id, targetAccountId: other.id, ...values });
  if (!row.fresh) return;
  await deps.notifications.notify(tx, [{ recipientId: other.id, fromId: actor.id, type: 'follow_request' }]);
  if (isRemote(other)) await deps.outbox.publish(tx, { type: 'follow', accountId: actor.id, targetId: other.id, followId: row.id, uri: null });
}

async function followNow(deps: RelationsDeps, tx: DbOrTx, actor: Account, other: Account, values: FollowValues): Promise<void> {
  if (!(await insertFollow(tx, { id: deps.ids(), accountId: actor.id, targetAccountId: other.id, ...values }))) return;
  await bumpFollowCounts(tx, actor.id, other.id, 1);
  await deps.notifications.notify(tx, [{ recipientId: other.id, fromId: actor.id, type: 'follow' }]);
  await deps.jobs.enqueue(tx, 'feed.merge', { accountId: actor.id, authorId: other.id });
  if (isRemote(actor)) await deps.outbox.publish(tx, { type: 'follow.accepted', accountId: actor.id, targetId: other.id, uri: values.uri });
}

export function createFollow(deps: RelationsDeps) {
  return {
    /**
     * Follows, or asks to when the target is locked. Following a remote account is always a request
     * until its server accepts; a remote actor's follow carries its activity id (`uri`), and one
     * accepted at once is answered (Accept) through the outbox.
     */
    async follow(actor: Account, targetId: string, options: FollowOptions = {}, remote: { uri?: string } = {}): Promise<Relationship> {
      const other = await targetAccount(deps.db, targetId);
      if (other.id === actor.id) throw new ForbiddenError('You cannot follow yourself');
      validateLanguages(options.languages);
      const rel = await relationshipOf(deps.db, actor.id, other.id);
      if (rel.blocking || rel.blockedBy || rel.domainBlocking) throw new ForbiddenError('This action is not allowed');
      // A local account blocking the follower's domain takes no follow from there either.
      if (actor.domain && !other.domain && (await blocksDomain(deps.db, other.id, actor.domain))) throw new ForbiddenError('This action is not allowed');
      const values: FollowValues = {
        showReblogs: options.reblogs ?? true,
        notify: options.notify ?? false,
        languages: options.languages && options.languages.length > 0 ? options.languages : null,
        uri: remote.uri ?? null,
      };
      await deps.db.transaction(async (tx) => {
        if (rel.following) await followAgain(deps, tx, actor, other, options, values);
        else if (other.locked || isRemote(other)) await request(deps, tx, actor, other, values);
        else await followNow(deps, tx, actor, other, values);
      });
      return committed(deps, 'follow', actor.id, other.id);
    },
  };
}
