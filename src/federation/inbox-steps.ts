// What every inbox listener does (see inbox): find the remote sender and the local account or post
// an activity names, and leave a debug line with the activity's id and the reason when it has no
// effect, so that a peer's quirks can be found in the log.
import type { InboxContext } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import { CoreError } from '../core/errors.ts';
import type { Core } from '../core/index.ts';
import type { Log } from '../infra/log.ts';
import type { Remote } from './remote.ts';
import { localIdentifier } from './uris.ts';

const describe = (activity: Activity) => `${activity.constructor.name} ${activity.id?.href ?? '(no id)'} from ${activity.actorId?.href ?? '(no actor)'}`;

export function createInboxSteps(core: Core, remote: Remote, log: Log) {
  const ignored = (activity: Activity, reason: string) => log.debug(`inbound ${describe(activity)} ignored: ${reason}`);
  return {
    ignored,

    /** The remote account that sent an activity (never one of ours: those do not arrive by inbox). */
    async sender(ctx: InboxContext<void>, activity: Activity): Promise<Account | null> {
      // Most activities come from accounts we know: their stored copy saves a fetch per activity.
      const a = await remote.account(ctx, activity.actorId);
      if (!a?.domain) ignored(activity, a ? 'its actor is a local account' : 'its actor could not be read');
      return a?.domain ? a : null;
    },

    async localTarget(ctx: InboxContext<void>, activity: Activity, uri: URL | null): Promise<Account | null> {
      const name = localIdentifier(ctx, uri);
      const a = name ? await core.accounts.localByUsername(name) : undefined;
      if (!a || a.suspendedAt) ignored(activity, `${uri?.href ?? 'its object'} is not an active account of this server`);
      return a && !a.suspendedAt ? a : null;
    },

    /** Rules the core enforces (a block, a missing status) end the activity quietly: it stays refused. */
    async quietly(activity: Activity, work: () => Promise<unknown>): Promise<void> {
      try {
        await work();
      } catch (error) {
        if (error instanceof CoreError) ignored(activity, `refused: ${error.message}`);
        else throw error;
      }
    },

    /** The status an activity's object names, or null with a debug line saying so. */
    async targetStatus(ctx: InboxContext<void>, activity: Activity, uri: URL | null, fetch = false): Promise<string | null> {
      const id = await remote.statusId(ctx, uri, { fetch });
      if (!id) ignored(activity, `${uri?.href ?? 'its object'} is not a post known here`);
      return id;
    },
  };
}

export type InboxSteps = ReturnType<typeof createInboxSteps>;
