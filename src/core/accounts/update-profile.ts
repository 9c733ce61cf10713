// A user editing their profile and the preferences edited with it; followers' servers hear of it.
import type { Db } from '../../store/db.ts';
import { updateAccount } from '../../store/accounts/accounts.ts';
import { updateUser, userByAccountId } from '../../store/accounts/users.ts';
import type { ProfileField, UserSettings, Visibility } from '../../store/schema/index.ts';
import type { Changes } from '../changes.ts';
import { NotFoundError, Problems } from '../errors.ts';
import type { Outbox } from '../outbox.ts';
import { plainTextToHtml } from '../text/plain-to-html.ts';
import { LIMITS, checkLength, isLanguageCode } from './rules.ts';
import type { Account, UserWithAccount } from './types.ts';

export interface ProfilePatch {
  displayName?: string | undefined;
  note?: string | undefined;
  locked?: boolean | undefined;
  bot?: boolean | undefined;
  discoverable?: boolean | undefined;
  indexable?: boolean | undefined;
  hideCollections?: boolean | undefined;
  fields?: { name: string; value: string }[] | undefined;
  /** the pictures to take off the profile (it then shows the default ones) */
  remove?: ('avatar' | 'header')[] | undefined;
  /** user-level preferences edited through the same form */
  source?: { privacy?: Visibility | undefined; sensitive?: boolean | undefined; language?: string | null | undefined } | undefined;
  locale?: string | undefined;
}

function checkPatch(patch: ProfilePatch): void {
  const problems = new Problems();
  if (patch.displayName !== undefined) checkLength('display_name', patch.displayName, LIMITS.displayNameMax, problems);
  if (patch.note !== undefined) checkLength('note', patch.note, LIMITS.noteMax, problems);
  if (patch.fields !== undefined) {
    if (patch.fields.length > LIMITS.fieldsMax) problems.add('fields', 'ERR_TOO_LONG', `is too long (maximum is ${LIMITS.fieldsMax} fields)`);
    for (const f of patch.fields) {
      checkLength('fields.name', f.name, LIMITS.fieldNameMax, problems);
      checkLength('fields.value', f.value, LIMITS.fieldValueMax, problems);
    }
  }
  if (patch.source?.language && !isLanguageCode(patch.source.language)) problems.add('source.language', 'ERR_INCLUSION', 'is not a language code');
  if (patch.locale !== undefined && !isLanguageCode(patch.locale)) problems.add('locale', 'ERR_INCLUSION', 'is not a supported locale');
  problems.throwIfAny();
}

function accountChanges(patch: ProfilePatch): Partial<Account> {
  const changes: Partial<Account> = { updatedAt: new Date() };
  if (patch.displayName !== undefined) changes.displayName = patch.displayName.trim();
  if (patch.note !== undefined) {
    changes.note = patch.note;
    changes.noteHtml = plainTextToHtml(patch.note);
  }
  if (patch.locked !== undefined) changes.locked = patch.locked;
  if (patch.bot !== undefined) changes.bot = patch.bot;
  if (patch.discoverable !== undefined) changes.discoverable = patch.discoverable;
  if (patch.indexable !== undefined) changes.indexable = patch.indexable;
  if (patch.hideCollections !== undefined) changes.hideCollections = patch.hideCollections;
  if (patch.remove?.includes('avatar')) changes.avatarUrl = null;
  if (patch.remove?.includes('header')) changes.headerUrl = null;
  if (patch.fields !== undefined) {
    // Empty rows are how forms clear a field.
    changes.fields = patch.fields.filter((f) => f.name.trim() !== '' || f.value.trim() !== '').map((f): ProfileField => ({ name: f.name.trim(), value: f.value.trim(), verifiedAt: null }));
  }
  return changes;
}

function settingsChanges(settings: UserSettings, patch: ProfilePatch): UserSettings {
  const next: UserSettings = { ...settings };
  if (patch.source?.privacy !== undefined) next.defaultVisibility = patch.source.privacy;
  if (patch.source?.sensitive !== undefined) next.defaultSensitive = patch.source.sensitive;
  if (patch.source?.language !== undefined) next.defaultLanguage = patch.source.language || null;
  return next;
}

export function createUpdateProfile(deps: { db: Db; outbox: Outbox; changes: Changes }) {
  const { db, outbox, changes } = deps;
  return {
    async updateProfile(accountId: string, patch: ProfilePatch): Promise<UserWithAccount> {
      const current = await userByAccountId(db, accountId);
      if (!current) throw new NotFoundError();
      checkPatch(patch);
      const settings = settingsChanges(current.user.settings, patch);
      const updated = await db.transaction(async (tx) => {
        const account = await updateAccount(tx, accountId, accountChanges(patch));
        // Servers that follow the account hear of the new profile (an Update of the actor).
        if (await outbox.hasRemoteFollowers(tx, accountId)) await outbox.publish(tx, { type: 'account.updated', accountId });
        const user = await updateUser(tx, current.user.id, { settings, updatedAt: new Date(), ...(patch.locale !== undefined ? { locale: patch.locale } : {}) });
        return { user: user!, account: account! };
      });
      await changes.committed({ type: 'profile.updated', accountId, userId: current.user.id });
      return updated;
    },
  };
}
