// Accounts and the users who own them, as the core hands them out.
import type { RegistrationMode } from '../../config.ts';
import type { AccountRow, UserRow } from '../../store/schema/index.ts';

export type Account = AccountRow;
export type User = UserRow;
export interface UserWithAccount {
  user: User;
  account: Account;
}

export interface AccountsConfig {
  registrations: RegistrationMode;
  requireEmailConfirmation: boolean;
  domain: string;
}
