// What other servers hear of polls: our votes in theirs (to the poll's author), and the new counts
// of ours (an Update of the Question, to whoever received it and to the voters' servers).
import type { Context } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import type { OutboxEvent, RemoteRecipient } from '../core/outbox.ts';
import { noteOf } from './activities/note.ts';
import { updateOfNote } from './activities/update.ts';
import { voteOf } from './activities/vote.ts';

type Send = (ctx: Context<void>, from: Account, to: RemoteRecipient[], activity: Activity) => Promise<void>;

export function createPollDelivery(deps: { core: Core; send: Send }) {
  const { core, send } = deps;
  return {
    async voted(ctx: Context<void>, event: Extract<OutboxEvent, { type: 'poll.voted' }>): Promise<void> {
      const found = await core.statuses.votesToSend(event.pollId, event.voteIds);
      const target = found ? await core.remoteStatuses.addressOf(found.statusId) : undefined;
      const [voter] = await core.accounts.byIds([event.accountId]);
      if (!found || !target?.uri || target.local || !voter) return;
      const [author] = await core.accounts.byIds([target.accountId]);
      if (!author?.uri) return;
      const to = await core.outbox.recipients('0', { followers: false, accountIds: [author.id] });
      for (const vote of found.votes) await send(ctx, voter, to, voteOf(ctx, voter.username, vote, new URL(target.uri), new URL(author.uri)));
    },

    async updated(ctx: Context<void>, event: Extract<OutboxEvent, { type: 'poll.updated' }>): Promise<void> {
      const view = await core.statusViews.forDelivery(event.statusId);
      if (!view?.poll || view.reblog || view.account.account.domain) return;
      const author = view.account.account;
      // Its voters' servers hear of it too, followers there or not.
      const accountIds = [...(await core.outbox.participants(view.status.id)), ...(await core.statuses.remoteVoters(view.status.id))];
      const to = await core.outbox.recipients(author.id, { followers: view.status.visibility !== 'direct', accountIds });
      // Each update its own id (the status was not edited): a server that saw an earlier one takes this one too.
      return send(ctx, author, to, updateOfNote(ctx, author.username, await noteOf(ctx, core, view), new Date()));
    },
  };
}
