// `parley account ...`: the administrator's tools for accounts.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ParleyApp } from '../app.ts';
import type { Role } from '../store/schema/users.ts';

export const ACCOUNT_USAGE = `parley account create <username> --email <address> [--password <pw>] [--role user|moderator|admin] [--unconfirmed]
parley account confirm <username>        confirm the e-mail and approve the sign-up
parley account suspend <username>        suspend the account and sign it out everywhere
parley account unsuspend <username>
parley account reset-password <username> [--password <pw>]   (signs the account out everywhere)`;

export class UsageError extends Error {}

function generatedPassword(): string {
  return randomBytes(15).toString('base64url');
}

export async function accountCommand(app: ParleyApp, args: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', default: 'user' },
      unconfirmed: { type: 'boolean', default: false },
    },
  });
  const [action, username] = positionals;
  if (!action || !username) throw new UsageError(ACCOUNT_USAGE);
  const { accounts, oauth } = app.core;

  if (action === 'create') {
    if (!values.email) throw new UsageError('parley account create needs --email <address>');
    const role = values.role as Role;
    if (!['user', 'moderator', 'admin'].includes(role)) throw new UsageError('--role must be user, moderator or admin');
    const password = values.password ?? generatedPassword();
    const { account } = await accounts.insertUser({
      username,
      email: values.email,
      password,
      locale: 'en',
      approved: true,
      confirmed: !values.unconfirmed,
      role,
    });
    out(`Created @${account.username} (id ${account.id}, role ${role}).`);
    if (!values.password) out(`Password: ${password}`);
    return;
  }

  const account = await accounts.localByUsername(username);
  const found = account && (await accounts.userByAccountId(account.id));
  if (!found) throw new UsageError(`No local account named ${username}.`);

  switch (action) {
    case 'confirm':
      await accounts.confirm(found.user.id);
      out(`Confirmed and approved @${found.account.username}.`);
      return;
    case 'suspend': {
      await accounts.setSuspended(found.account.id, true);
      const revoked = await oauth.revokeUserTokens(found.user.id);
      out(`Suspended @${found.account.username}; ${revoked} access token(s) revoked.`);
      return;
    }
    case 'unsuspend':
      await accounts.setSuspended(found.account.id, false);
      out(`Lifted the suspension of @${found.account.username}.`);
      return;
    case 'reset-password': {
      const password = values.password ?? generatedPassword();
      await accounts.setPassword(found.user.id, password);
      const revoked = await oauth.revokeUserTokens(found.user.id);
      out(`New password set for @${found.account.username}; ${revoked} access token(s) revoked.`);
      if (!values.password) out(`Password: ${password}`);
      return;
    }
    default:
      throw new UsageError(ACCOUNT_USAGE);
  }
}
