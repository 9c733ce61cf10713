// Signing up: the registration rules, then a user and its account made together.
import type { Db } from '../../store/db.ts';
import { accountByHandle } from '../../store/accounts/accounts.ts';
import { emailTaken, insertUserWithAccount } from '../../store/accounts/users.ts';
import type { UserSettings } from '../../store/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { ForbiddenError, Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { LIMITS, checkEmail, checkLength, checkPassword, checkUsername, isLanguageCode } from './rules.ts';
import type { AccountsConfig, User, UserWithAccount } from './types.ts';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  locale?: string | undefined;
  reason?: string | undefined;
  ip?: string | undefined;
}

export interface NewUser {
  username: string;
  email: string;
  password: string;
  locale: string;
  approved: boolean;
  confirmed: boolean;
  reason?: string | null;
  ip?: string | null;
  role?: User['role'];
}

const DEFAULT_SETTINGS: UserSettings = {
  defaultVisibility: 'public',
  defaultSensitive: false,
  defaultLanguage: null,
  expandMedia: 'default',
  expandSpoilers: false,
};

const UNIQUE_VIOLATION = '23505';

export function createRegister(deps: { db: Db; ids: IdGenerator; config: AccountsConfig }) {
  const { db, ids, config } = deps;

  async function assertUnique(username: string, email: string, problems: Problems): Promise<void> {
    if (!problems.details.username && (await accountByHandle(db, username, null))) problems.add('username', 'ERR_TAKEN', 'has already been taken');
    if (!problems.details.email && (await emailTaken(db, email))) problems.add('email', 'ERR_TAKEN', 'has already been taken');
  }

  /** Creates a user and its account; the admin tool uses this directly (no registration rules). */
  async function insertUser(input: NewUser): Promise<UserWithAccount> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await insertUserWithAccount(
        db,
        { id: ids(), username: input.username },
        {
          id: ids(),
          email: input.email,
          passwordHash,
          locale: input.locale,
          role: input.role ?? 'user',
          settings: DEFAULT_SETTINGS,
          approved: input.approved,
          confirmedAt: input.confirmed ? new Date() : null,
          signUpReason: input.reason ?? null,
          signUpIp: input.ip ?? null,
        },
      );
    } catch (error) {
      // Two sign-ups racing for the same name: the unique index decides, the loser gets a field error.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION || (error as { cause?: { code?: string } }).cause?.code === UNIQUE_VIOLATION) {
        const problems = new Problems();
        await assertUnique(input.username, input.email, problems);
        if (problems.empty) problems.add('username', 'ERR_TAKEN', 'has already been taken');
        problems.throwIfAny();
      }
      throw error;
    }
  }

  async function register(input: RegisterInput): Promise<UserWithAccount> {
    if (config.registrations === 'closed') throw new ForbiddenError('Registrations are closed on this server');
    const username = input.username.trim();
    const email = input.email.trim();
    const problems = new Problems();
    checkUsername(username, problems);
    checkEmail(email, problems);
    checkPassword(input.password, problems);
    if (!input.agreement) problems.add('agreement', 'ERR_ACCEPTED', 'must be accepted');
    if (input.locale !== undefined && !isLanguageCode(input.locale)) problems.add('locale', 'ERR_INCLUSION', 'is not a supported locale');
    const reason = input.reason?.trim() ?? '';
    if (config.registrations === 'approval' && reason.length === 0) problems.add('reason', 'ERR_BLANK', "can't be blank");
    checkLength('reason', reason, LIMITS.reasonMax, problems);
    problems.throwIfAny();
    await assertUnique(username, email, problems);
    problems.throwIfAny();
    return insertUser({
      username,
      email,
      password: input.password,
      locale: input.locale ?? 'en',
      approved: config.registrations === 'open',
      confirmed: !config.requireEmailConfirmation,
      reason: reason || null,
      ip: input.ip ?? null,
    });
  }

  return { register, insertUser };
}
