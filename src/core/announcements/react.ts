// A user reacts to an announcement with an emoji, or takes it back; every open screen hears the new
// count (Mastodon's `announcement.reaction`). A reaction is one unicode emoji, or the shortcode of a
// custom emoji of this server (Parley has none yet, so shortcodes are refused).
import { reactionCount, reactionNames, setReaction } from '../../store/announcements/reads.ts';
import { NotFoundError, Problems } from '../errors.ts';
import type { AnnouncementsDeps } from './deps.ts';
import { activeAnnouncement } from './read.ts';

// One emoji as Unicode recommends them (with its skin tone, flag or ZWJ sequence).
const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

/** How many different reactions an announcement may gather (as in Mastodon). */
const MAX_NAMES = 8;

/** Whether a reaction's name is one this server accepts. */
export const isReactionName = (name: string): boolean => ONE_EMOJI.test(name);

export function createReactToAnnouncement(deps: AnnouncementsDeps) {
  const { db, live } = deps;

  async function change(accountId: string, id: string, name: string, on: boolean): Promise<void> {
    await activeAnnouncement(db, id);
    const problems = new Problems();
    if (!isReactionName(name)) problems.add('name', 'ERR_INVALID', 'is not a recognized emoji');
    else if (on) {
      const names = await reactionNames(db, id);
      if (!names.includes(name) && names.length >= MAX_NAMES) problems.add('base', 'ERR_TOO_LONG', `at most ${MAX_NAMES} different reactions`);
    }
    problems.throwIfAny();
    const changed = await setReaction(db, { announcementId: id, accountId, name }, on);
    // Taking back a reaction one never made finds nothing, as in Mastodon.
    if (!changed && !on) throw new NotFoundError();
    if (changed) await live.announcementReaction(id, name, await reactionCount(db, id, name));
  }

  return {
    react: (accountId: string, id: string, name: string): Promise<void> => change(accountId, id, name, true),
    unreact: (accountId: string, id: string, name: string): Promise<void> => change(accountId, id, name, false),
  };
}
