// Polls from other servers: a Question's options and counts as the core keeps them, and votes
// (a Note named after an option, answering one of our Questions, without content).
import type { Context } from '@fedify/fedify';
import { Note, type Object as APObject, type Question } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import type { RemotePollInput } from '../core/statuses/remote-polls.ts';
import { localStatusId } from './uris.ts';

const MAX_OPTIONS = 20;

async function optionsOf(ctx: Context<void>, options: AsyncIterable<APObject>): Promise<{ title: string; votes: number }[]> {
  const out: { title: string; votes: number }[] = [];
  for await (const option of options) {
    if (out.length >= MAX_OPTIONS) break;
    const title = option.name?.toString().trim();
    if (!title) continue;
    const replies = option instanceof Note ? await option.getReplies({ documentLoader: ctx.documentLoader, suppressError: true }) : null;
    out.push({ title, votes: replies?.totalItems ?? 0 });
  }
  return out;
}

/** A Question's poll: `anyOf` options take several choices, `oneOf` one. */
export async function pollOf(ctx: Context<void>, question: Question): Promise<RemotePollInput | undefined> {
  const opts = { documentLoader: ctx.documentLoader, suppressError: true };
  try {
    const inclusive = await optionsOf(ctx, question.getInclusiveOptions(opts));
    const options = inclusive.length > 0 ? inclusive : await optionsOf(ctx, question.getExclusiveOptions(opts));
    // Closed before its end time, it ended then (the core reads a closed poll without a time as ended now).
    const closedAt = question.closed && typeof question.closed !== 'boolean' ? question.closed.epochMilliseconds : null;
    const ends = [question.endTime?.epochMilliseconds, closedAt].filter((t): t is number => typeof t === 'number');
    return {
      options: options.map((o) => o.title),
      tallies: options.map((o) => o.votes),
      multiple: inclusive.length > 0,
      expiresAt: ends.length > 0 ? new Date(Math.min(...ends)) : null,
      closed: question.closed !== null && question.closed !== false,
      votersCount: question.voters,
    };
  } catch {
    return undefined;
  }
}

/** Whether a Note is a vote in one of our polls (Mastodon's shape); then it is counted, never shown. */
export function voteTarget(ctx: Context<void>, note: Note): string | null {
  if (!note.name || note.content || !note.id) return null;
  return localStatusId(ctx, note.replyTargetId);
}

export async function receiveVote(ctx: Context<void>, core: Core, note: Note, sender: Account): Promise<void> {
  const statusId = voteTarget(ctx, note);
  if (!statusId || note.attributionId?.href !== sender.uri) return;
  await core.statuses.receiveVote(sender, statusId, note.name!.toString().trim(), note.id!.href);
}
