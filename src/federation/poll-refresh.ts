// The 'poll.refresh' job (queued by the core, see core/statuses/remote-poll-refresh): a remote poll's
// Question read again from its server, signed as the local account the job names and past Fedify's
// document cache (a cached copy would be the stale one), and taken as an edit from its author; then
// the core ends it, if its end has come.
import type { Context, Federation } from '@fedify/fedify';
import { Note, Question } from '@fedify/vocab';
import type { Core } from '../core/index.ts';
import type { Log } from '../infra/log.ts';
import type { Remote } from './remote.ts';

export function createPollRefresh(deps: { federation: Federation<void>; core: Core; remote: Remote; origin: string; log: Log }) {
  const { federation, core, remote, origin, log } = deps;

  async function read(ctx: Context<void>, target: { uri: string; accountId: string }, signerId: string): Promise<void> {
    const [signer] = await core.accounts.byIds([signerId]);
    if (!signer || signer.domain) return;
    const documentLoader = await ctx.getDocumentLoader({ identifier: signer.username });
    const object = await ctx.lookupObject(target.uri, { documentLoader });
    if (!(object instanceof Question || object instanceof Note) || object.id?.href !== target.uri) return;
    const author = await remote.account(ctx, object.attributionId);
    if (author?.id === target.accountId) await remote.revise(ctx, object, author);
  }

  return async function refresh(job: { pollId: string; accountId: string }): Promise<void> {
    const target = await core.statuses.pollRefresh.origin(job.pollId);
    if (!target) return;
    // Its server not answering is no reason to keep its end from its voters here.
    await read(federation.createContext(new URL(origin), undefined), target, job.accountId).catch((error: unknown) => {
      log.info(`reading the poll ${target.uri} again failed: ${String(error)}`);
    });
    await core.statuses.pollRefresh.refreshed(job.pollId);
  };
}
