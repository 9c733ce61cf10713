// Muting hides an account's posts (and, by default, its notifications), for good or for a while.
import { deleteMute, upsertMute } from '../../store/relations/blocks.ts';
import type { Account } from '../accounts/types.ts';
import { ForbiddenError } from '../errors.ts';
import { committed, targetAccount, type RelationsDeps } from './deps.ts';
import type { Relationship } from './types.ts';

export interface MuteOptions {
  notifications?: boolean | undefined;
  durationSeconds?: number | undefined;
}

export function createMute(deps: RelationsDeps) {
  const { db, ids } = deps;
  return {
    async mute(actor: Account, targetId: string, options: MuteOptions): Promise<Relationship> {
      const other = await targetAccount(db, targetId);
      if (other.id === actor.id) throw new ForbiddenError('You cannot mute yourself');
      const expiresAt = options.durationSeconds && options.durationSeconds > 0 ? new Date(Date.now() + options.durationSeconds * 1000) : null;
      await upsertMute(db, { id: ids(), accountId: actor.id, targetId: other.id, hideNotifications: options.notifications ?? true, expiresAt });
      return committed(deps, 'mute', actor.id, other.id);
    },

    async unmute(actor: Account, targetId: string): Promise<Relationship> {
      const other = await targetAccount(db, targetId);
      await deleteMute(db, actor.id, other.id);
      return committed(deps, 'mute', actor.id, other.id);
    },
  };
}
