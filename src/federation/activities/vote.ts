// A vote of ours in a remote poll, as Mastodon sends one: the Create of a Note named after the
// chosen option, answering the Question, addressed to its author alone (one per option chosen).
import type { Context } from '@fedify/fedify';
import { Create, Note } from '@fedify/vocab';
import { activityUri } from '../uris.ts';

export function voteOf(ctx: Context<void>, username: string, vote: { id: string; title: string }, question: URL, author: URL): Create {
  const id = activityUri(ctx, username, 'votes', vote.id);
  const note = new Note({ id, attribution: ctx.getActorUri(username), name: vote.title, replyTarget: question, tos: [author] });
  return new Create({ id: new URL(`${id.href}/activity`), actor: ctx.getActorUri(username), object: note, tos: [author] });
}
