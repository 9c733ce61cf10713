// Accounts and the users who own them: registration, sign-in checks, profiles, moderation states.
// One file per verb; each announces what it changed once committed (see core/changes).
import type { Db } from '../../store/db.ts';
import type { Changes } from '../changes.ts';
import type { IdGenerator } from '../ids.ts';
import type { Outbox } from '../outbox.ts';
import { createConfirm } from './confirm.ts';
import { createCredentials } from './credentials.ts';
import { createLookup } from './lookup.ts';
import { createRegister } from './register.ts';
import { createSuspend } from './suspend.ts';
import type { Account, AccountsConfig, User } from './types.ts';
import { createUpdateProfile } from './update-profile.ts';
import { createReadingLanguages } from './reading-languages.ts';

export type { Account, AccountsConfig, User, UserWithAccount } from './types.ts';
export type { RegisterInput } from './register.ts';
export type { ProfilePatch } from './update-profile.ts';

export function createAccounts(deps: { db: Db; ids: IdGenerator; config: AccountsConfig; outbox: Outbox; changes: Changes }) {
  const { db } = deps;
  return {
    ...createLookup(db, deps.config),
    ...createRegister(deps),
    ...createCredentials(db),
    ...createUpdateProfile(deps),
    ...createReadingLanguages(deps),
    ...createConfirm(deps),
    ...createSuspend(deps),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

/** Why this user may not use their account now, or null when they may. */
export function accessProblem(user: User, account: Account, config: { requireEmailConfirmation: boolean }): string | null {
  if (account.suspendedAt) return 'Your login is currently disabled';
  if (user.disabled) return 'Your login is currently disabled';
  if (config.requireEmailConfirmation && !user.confirmedAt) return 'Your login is missing a confirmed e-mail address';
  if (!user.approved) return 'Your login is currently pending approval';
  return null;
}
