// Accounts and the users who own them: registration, sign-in checks, profiles, moderation states.
import { and, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { RegistrationMode } from '../../config.ts';
import type { AccessCache } from '../auth/access-cache.ts';
import type { AccountViews } from './views.ts';
import type { Db } from '../../store/db.ts';
import { accounts, users, type AccountRow, type ProfileField, type UserRow, type UserSettings, type Visibility } from '../../store/schema/index.ts';
import { ForbiddenError, NotFoundError, Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import type { Outbox } from '../outbox.ts';
import type { Audiences } from '../timelines/audiences.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { plainTextToHtml } from '../text/plain-to-html.ts';
import { LIMITS, checkEmail, checkLength, checkPassword, checkUsername, isLanguageCode } from './rules.ts';

export type Account = AccountRow;
export type User = UserRow;
export interface UserWithAccount {
  user: User;
  account: Account;
}

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  locale?: string | undefined;
  reason?: string | undefined;
  ip?: string | undefined;
}

export interface ProfilePatch {
  displayName?: string | undefined;
  note?: string | undefined;
  locked?: boolean | undefined;
  bot?: boolean | undefined;
  discoverable?: boolean | undefined;
  indexable?: boolean | undefined;
  hideCollections?: boolean | undefined;
  fields?: { name: string; value: string }[] | undefined;
  /** user-level preferences edited through the same form */
  source?: { privacy?: Visibility | undefined; sensitive?: boolean | undefined; language?: string | null | undefined } | undefined;
  locale?: string | undefined;
}

export interface AccountsConfig {
  registrations: RegistrationMode;
  requireEmailConfirmation: boolean;
  domain: string;
}

const DEFAULT_SETTINGS: UserSettings = {
  defaultVisibility: 'public',
  defaultSensitive: false,
  defaultLanguage: null,
  expandMedia: 'default',
  expandSpoilers: false,
};

const UNIQUE_VIOLATION = '23505';

/** Logins (e-mail or username) are matched without case or surrounding spaces. */
const normalLogin = (login: string) => login.trim().toLowerCase();

export function createAccounts(deps: { db: Db; ids: IdGenerator; config: AccountsConfig; outbox: Outbox; access: AccessCache; accountViews: AccountViews; audiences: Audiences }) {
  const { db, ids, config, access } = deps;
  // A valid hash of a random password, made on first use: checking it takes as long as a real check.
  let dummyHash: Promise<string> | undefined;

  async function byId(id: string): Promise<Account | undefined> {
    if (!isId(id)) return undefined;
    return db.query.accounts.findFirst({ where: eq(accounts.id, id) });
  }

  async function localByUsername(username: string): Promise<Account | undefined> {
    return db.query.accounts.findFirst({
      where: and(sql`lower(${accounts.username}) = ${username.toLowerCase()}`, isNull(accounts.domain)),
    });
  }

  async function userWithAccount(where: ReturnType<typeof eq>): Promise<UserWithAccount | undefined> {
    const rows = await db.select({ user: users, account: accounts }).from(users).innerJoin(accounts, eq(users.accountId, accounts.id)).where(where).limit(1);
    return rows[0];
  }

  function byLogin(login: string): Promise<UserWithAccount | undefined> {
    const key = normalLogin(login);
    return userWithAccount(key.includes('@') ? sql`lower(${users.email}) = ${key}` : and(sql`lower(${accounts.username}) = ${key}`, isNull(accounts.domain))!);
  }

  async function assertUnique(username: string, email: string, problems: Problems): Promise<void> {
    if (!problems.details.username && (await localByUsername(username))) problems.add('username', 'ERR_TAKEN', 'has already been taken');
    if (!problems.details.email) {
      const taken = await db.query.users.findFirst({ where: sql`lower(${users.email}) = ${email.toLowerCase()}`, columns: { id: true } });
      if (taken) problems.add('email', 'ERR_TAKEN', 'has already been taken');
    }
  }

  return {
    byId,
    localByUsername,

    async byIds(idList: string[]): Promise<Account[]> {
      const valid = idList.filter((id) => isId(id));
      if (valid.length === 0) return [];
      return db.select().from(accounts).where(inArray(accounts.id, valid));
    },

    /** Finds an account by `username` or `username@domain` (this server's domain means local). */
    async lookup(acct: string): Promise<Account | undefined> {
      const [username, domain] = acct.replace(/^@/, '').split('@');
      if (!username) return undefined;
      if (!domain || domain.toLowerCase() === config.domain.toLowerCase()) return localByUsername(username);
      return db.query.accounts.findFirst({
        where: and(sql`lower(${accounts.username}) = ${username.toLowerCase()}`, sql`lower(${accounts.domain}) = ${domain.toLowerCase()}`),
      });
    },

    /** Accounts whose username starts with, or display name contains, the query; exact matches first. */
    /** Accounts by handle or name; `followedBy`: only those this account follows (Mastodon's `following=true`). */
    async search(query: string, options: { limit: number; offset: number; followedBy?: string | undefined }): Promise<Account[]> {
      const q = query.trim().replace(/^@/, '');
      const [username, domain] = q.split('@');
      if (!username) return [];
      const pattern = username.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      const domainFilter =
        domain === undefined || domain.toLowerCase() === config.domain.toLowerCase()
          ? undefined
          : sql`lower(${accounts.domain}) like ${`${domain.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
      return db
        .select()
        .from(accounts)
        .where(
          and(
            isNull(accounts.suspendedAt),
            or(sql`lower(${accounts.username}) like ${`${pattern}%`}`, ilike(accounts.displayName, `%${pattern}%`)),
            domainFilter,
            options.followedBy ? sql`exists (select 1 from follows f where f.account_id = ${options.followedBy} and f.target_account_id = ${accounts.id})` : undefined,
          ),
        )
        .orderBy(sql`lower(${accounts.username}) = ${username.toLowerCase()} desc`, accounts.username)
        .limit(options.limit)
        .offset(options.offset);
    },

    userByAccountId: (accountId: string) => userWithAccount(eq(users.accountId, accountId)),
    userById: (userId: string) => userWithAccount(eq(users.id, userId)),

    async register(input: RegisterInput): Promise<UserWithAccount> {
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
      return this.insertUser({
        username,
        email,
        password: input.password,
        locale: input.locale ?? 'en',
        approved: config.registrations === 'open',
        confirmed: !config.requireEmailConfirmation,
        reason: reason || null,
        ip: input.ip ?? null,
      });
    },

    /** Creates a user and its account; the admin tool uses this directly (no registration rules). */
    async insertUser(input: {
      username: string;
      email: string;
      password: string;
      locale: string;
      approved: boolean;
      confirmed: boolean;
      reason?: string | null;
      ip?: string | null;
      role?: User['role'];
    }): Promise<UserWithAccount> {
      const passwordHash = await hashPassword(input.password);
      try {
        return await db.transaction(async (tx) => {
          const [account] = await tx.insert(accounts).values({ id: ids(), username: input.username }).returning();
          const [user] = await tx
            .insert(users)
            .values({
              id: ids(),
              accountId: account!.id,
              email: input.email,
              passwordHash,
              locale: input.locale,
              role: input.role ?? 'user',
              settings: DEFAULT_SETTINGS,
              approved: input.approved,
              confirmedAt: input.confirmed ? new Date() : null,
              signUpReason: input.reason ?? null,
              signUpIp: input.ip ?? null,
            })
            .returning();
          return { user: user!, account: account! };
        });
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
    },

    /**
     * Who a sign-in login (e-mail or username) is for: the user's id, or, when it names nobody, the
     * login in the one spelling that names the same account however it is typed (so an unknown login
     * can be treated exactly as a known one).
     */
    async signInSubject(login: string): Promise<{ userId: string } | { login: string }> {
      const found = await byLogin(login);
      return found ? { userId: found.user.id } : { login: normalLogin(login) };
    },

    /** Checks a password for sign-in by e-mail or username; undefined when it does not match. */
    async checkCredentials(login: string, password: string): Promise<UserWithAccount | undefined> {
      const found = await byLogin(login);
      if (!found) {
        // Spend the same time as a real check, so response times do not reveal which accounts exist.
        await verifyPassword(password, await (dummyHash ??= hashPassword(crypto.randomUUID())));
        return undefined;
      }
      return (await verifyPassword(password, found.user.passwordHash)) ? found : undefined;
    },

    async updateProfile(accountId: string, patch: ProfilePatch): Promise<UserWithAccount> {
      const current = await this.userByAccountId(accountId);
      if (!current) throw new NotFoundError();
      const problems = new Problems();
      if (patch.displayName !== undefined) checkLength('display_name', patch.displayName, LIMITS.displayNameMax, problems);
      if (patch.note !== undefined) checkLength('note', patch.note, LIMITS.noteMax, problems);
      if (patch.fields !== undefined) {
        if (patch.fields.length > LIMITS.fieldsMax)
          problems.add('fields', 'ERR_TOO_LONG', `is too long (maximum is ${LIMITS.fieldsMax} fields)`);
        for (const f of patch.fields) {
          checkLength('fields.name', f.name, LIMITS.fieldNameMax, problems);
          checkLength('fields.value', f.value, LIMITS.fieldValueMax, problems);
        }
      }
      if (patch.source?.language && !isLanguageCode(patch.source.language)) problems.add('source.language', 'ERR_INCLUSION', 'is not a language code');
      if (patch.locale !== undefined && !isLanguageCode(patch.locale)) problems.add('locale', 'ERR_INCLUSION', 'is not a supported locale');
      problems.throwIfAny();

      const accountChanges: Partial<Account> = { updatedAt: new Date() };
      if (patch.displayName !== undefined) accountChanges.displayName = patch.displayName.trim();
      if (patch.note !== undefined) {
        accountChanges.note = patch.note;
        accountChanges.noteHtml = plainTextToHtml(patch.note);
      }
      if (patch.locked !== undefined) accountChanges.locked = patch.locked;
      if (patch.bot !== undefined) accountChanges.bot = patch.bot;
      if (patch.discoverable !== undefined) accountChanges.discoverable = patch.discoverable;
      if (patch.indexable !== undefined) accountChanges.indexable = patch.indexable;
      if (patch.hideCollections !== undefined) accountChanges.hideCollections = patch.hideCollections;
      if (patch.fields !== undefined) {
        // Empty rows are how forms clear a field.
        accountChanges.fields = patch.fields
          .filter((f) => f.name.trim() !== '' || f.value.trim() !== '')
          .map((f): ProfileField => ({ name: f.name.trim(), value: f.value.trim(), verifiedAt: null }));
      }
      const settings: UserSettings = { ...current.user.settings };
      if (patch.source?.privacy !== undefined) settings.defaultVisibility = patch.source.privacy;
      if (patch.source?.sensitive !== undefined) settings.defaultSensitive = patch.source.sensitive;
      if (patch.source?.language !== undefined) settings.defaultLanguage = patch.source.language || null;

      const updated = await db.transaction(async (tx) => {
        const [account] = await tx.update(accounts).set(accountChanges).where(eq(accounts.id, accountId)).returning();
        // Servers that follow the account hear of the new profile (an Update of the actor).
        if (await deps.outbox.hasRemoteFollowers(tx, accountId)) await deps.outbox.publish(tx, { type: 'account.updated', accountId });
        const [user] = await tx
          .update(users)
          .set({ settings, updatedAt: new Date(), ...(patch.locale !== undefined ? { locale: patch.locale } : {}) })
          .where(eq(users.id, current.user.id))
          .returning();
        return { user: user!, account: account! };
      });
      // Requests made with this user's tokens see the new settings and profile at once, and pages
      // of statuses the new profile.
      await Promise.all([access.changed({ userId: current.user.id }), deps.accountViews.forget([accountId])]);
      return updated;
    },

    async setPassword(userId: string, password: string): Promise<void> {
      const problems = new Problems();
      checkPassword(password, problems);
      problems.throwIfAny();
      const passwordHash = await hashPassword(password);
      const updated = await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id });
      if (updated.length === 0) throw new NotFoundError();
    },

    /** A user changing their own password: the current one must be given. */
    async changePassword(userId: string, current: string, next: string): Promise<void> {
      const found = await userWithAccount(eq(users.id, userId));
      if (!found) throw new NotFoundError();
      const problems = new Problems();
      if (!(await verifyPassword(current, found.user.passwordHash))) problems.add('current_password', 'ERR_INVALID', 'is invalid');
      checkPassword(next, problems);
      problems.throwIfAny();
      await db.update(users).set({ passwordHash: await hashPassword(next), updatedAt: new Date() }).where(eq(users.id, userId));
    },

    /** Marks the e-mail confirmed and the sign-up approved: the account can use the API. */
    async confirm(userId: string): Promise<void> {
      await db
        .update(users)
        .set({ confirmedAt: sql`coalesce(${users.confirmedAt}, now())`, approved: true, updatedAt: new Date() })
        .where(eq(users.id, userId));
      await access.changed({ userId });
    },

    async setSuspended(accountId: string, suspended: boolean): Promise<void> {
      await db
        .update(accounts)
        .set({ suspendedAt: suspended ? new Date() : null, updatedAt: new Date() })
        .where(eq(accounts.id, accountId));
      // A suspended account gets no pushes, from anyone it follows.
      await Promise.all([access.changed({ accountId }), deps.accountViews.forget([accountId]), deps.audiences.forgetAll()]);
    },
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
