// Blocking a whole domain, as Mastodon does for a user: nothing from its accounts shows in the
// user's timelines or notifications (see timelines/home-rule and visibility), and the user's
// relations with them end: follows both ways and pending requests both ways (their servers hear of
// it), and the notifications they sent are deleted. Following one of them is refused while the
// block lasts (see follow).
import { deleteDomainBlock, deleteNotificationsFromDomain, insertDomainBlock, relatedOnDomain } from '../../store/relations/domain-blocks.ts';
import type { Account } from '../accounts/types.ts';
import { ValidationError } from '../errors.ts';
import type { RelationsDeps } from './deps.ts';
import { leave, turnAway } from './end-follow.ts';

const MAX_DOMAIN = 253;

/**
 * A domain as accounts.domain spells it (a URL's host: lowercase, punycode, with a port when not
 * the default); undefined when `input` is not a domain.
 */
export function domainOf(input: string): string | undefined {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > MAX_DOMAIN || /[/\\@?#\s]/.test(trimmed)) return undefined;
  try {
    return new URL(`https://${trimmed}`).host || undefined;
  } catch {
    return undefined;
  }
}

function validDomain(input: string): string {
  const domain = domainOf(input);
  if (domain) return domain;
  const blank = input.trim() === '';
  throw new ValidationError({ domain: [blank ? { error: 'ERR_BLANK', description: "can't be blank" } : { error: 'ERR_INVALID', description: 'is not a valid domain name' }] });
}

export function createDomainBlock(deps: RelationsDeps) {
  const { db, ids, changes } = deps;
  return {
    /** Blocks a domain (again: its relations are ended again, as a second Mastodon request would). */
    async blockDomain(actor: Account, input: string): Promise<void> {
      const domain = validDomain(input);
      const ended = await db.transaction(async (tx) => {
        await insertDomainBlock(tx, ids(), actor.id, domain);
        const followed = await relatedOnDomain(tx, actor.id, domain, 'outgoing');
        for (const other of followed) await leave(deps, tx, actor, other);
        const followers = await relatedOnDomain(tx, actor.id, domain, 'incoming');
        for (const other of followers) await turnAway(deps, tx, actor, other);
        await deleteNotificationsFromDomain(tx, actor.id, domain);
        return [...followed, ...followers].map((a) => a.id);
      });
      await changes.committed({ type: 'domain-block.changed', accountId: actor.id, accountIds: ended });
    },

    /** Unblocks a domain; a domain that was not blocked (or is no domain) changes nothing, as in Mastodon. */
    async unblockDomain(actor: Account, input: string): Promise<void> {
      const domain = domainOf(input);
      if (!domain || !(await deleteDomainBlock(db, actor.id, domain))) return;
      await changes.committed({ type: 'domain-block.changed', accountId: actor.id, accountIds: [] });
    },
  };
}
