// Accept or Reject: a local account's answer to a remote follow request (`followUri`, its id).
import type { Context } from '@fedify/fedify';
import { Accept, Follow, Reject } from '@fedify/vocab';
import type { Account } from '../../core/accounts/service.ts';
import { actorUri } from '../uris.ts';

export function answerOf(ctx: Context<void>, accepted: boolean, target: string, follower: Account, followUri: string): Accept | Reject {
  const follow = new Follow({ id: new URL(followUri), actor: actorUri(ctx, follower), object: ctx.getActorUri(target) });
  const Kind = accepted ? Accept : Reject;
  const kind = accepted ? 'accepts' : 'rejects';
  return new Kind({ id: new URL(`${ctx.getActorUri(target).href}#${kind}/follows/${follower.id}/${Date.now()}`), actor: ctx.getActorUri(target), object: follow });
}
