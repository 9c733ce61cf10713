// Passwords: checking them for sign-in, setting and changing them.
import type { Db } from '../../store/db.ts';
import { updateUser, userById, userByLogin } from '../../store/accounts/users.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { NotFoundError, Problems } from '../errors.ts';
import { checkPassword } from './rules.ts';
import type { UserWithAccount } from './types.ts';

/** Logins (e-mail or username) are matched without case or surrounding spaces. */
const normalLogin = (login: string) => login.trim().toLowerCase();

export function createCredentials(db: Db) {
  // A valid hash of a random password, made on first use: checking it takes as long as a real check.
  let dummyHash: Promise<string> | undefined;
  return {
    /**
     * Who a sign-in login (e-mail or username) is for: the user's id, or, when it names nobody, the
     * login in the one spelling that names the same account however it is typed (so an unknown login
     * can be treated exactly as a known one).
     */
    async signInSubject(login: string): Promise<{ userId: string } | { login: string }> {
      const found = await userByLogin(db, normalLogin(login));
      return found ? { userId: found.user.id } : { login: normalLogin(login) };
    },

    /** Checks a password for sign-in by e-mail or username; undefined when it does not match. */
    async checkCredentials(login: string, password: string): Promise<UserWithAccount | undefined> {
      const found = await userByLogin(db, normalLogin(login));
      if (!found) {
        // Spend the same time as a real check, so response times do not reveal which accounts exist.
        await verifyPassword(password, await (dummyHash ??= hashPassword(crypto.randomUUID())));
        return undefined;
      }
      return (await verifyPassword(password, found.user.passwordHash)) ? found : undefined;
    },

    async setPassword(userId: string, password: string): Promise<void> {
      const problems = new Problems();
      checkPassword(password, problems);
      problems.throwIfAny();
      if (!(await updateUser(db, userId, { passwordHash: await hashPassword(password), updatedAt: new Date() }))) throw new NotFoundError();
    },

    /** A user changing their own password: the current one must be given. */
    async changePassword(userId: string, current: string, next: string): Promise<void> {
      const found = await userById(db, userId);
      if (!found) throw new NotFoundError();
      const problems = new Problems();
      if (!(await verifyPassword(current, found.user.passwordHash))) problems.add('current_password', 'ERR_INVALID', 'is invalid');
      checkPassword(next, problems);
      problems.throwIfAny();
      await updateUser(db, userId, { passwordHash: await hashPassword(next), updatedAt: new Date() });
    },
  };
}
