// Pure rules for accounts: what a username, an e-mail, a password and a profile may be.
import type { Problems } from '../errors.ts';

export const LIMITS = {
  usernameMax: 30,
  passwordMin: 8,
  passwordMax: 72,
  displayNameMax: 30,
  noteMax: 500,
  fieldsMax: 4,
  fieldNameMax: 255,
  fieldValueMax: 255,
  reasonMax: 1000,
} as const;

const USERNAME = /^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/i;
// Addresses of the server's own pages and roles people would take for official ones.
const RESERVED = new Set([
  'admin',
  'administrator',
  'root',
  'support',
  'help',
  'helpdesk',
  'info',
  'mod',
  'moderator',
  'moderators',
  'security',
  'abuse',
  'postmaster',
  'webmaster',
  'hostmaster',
  'noreply',
  'no_reply',
  'staff',
  'system',
  'parley',
  'mastodon',
  'instance',
  'api',
  'oauth',
  'auth',
  'settings',
  'about',
  'explore',
  'public',
  'home',
  'notifications',
  'search',
  'users',
  'user',
  'inbox',
  'outbox',
  'actor',
  'relay',
  'www',
  'mail',
  'null',
  'undefined',
]);
// A pragmatic check: one @, something before it, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkUsername(username: string, problems: Problems): void {
  if (username.length === 0) problems.add('username', 'ERR_BLANK', "can't be blank");
  else if (username.length > LIMITS.usernameMax) problems.add('username', 'ERR_TOO_LONG', `is too long (maximum is ${LIMITS.usernameMax} characters)`);
  else if (!USERNAME.test(username)) problems.add('username', 'ERR_INVALID', 'must contain only letters, numbers and underscores');
  else if (RESERVED.has(username.toLowerCase())) problems.add('username', 'ERR_RESERVED', 'is reserved');
}

export function checkEmail(email: string, problems: Problems): void {
  if (email.length === 0) problems.add('email', 'ERR_BLANK', "can't be blank");
  else if (email.length > 254 || !EMAIL.test(email)) problems.add('email', 'ERR_INVALID', 'is invalid');
}

export function checkPassword(password: string, problems: Problems, field = 'password'): void {
  if (password.length === 0) problems.add(field, 'ERR_BLANK', "can't be blank");
  else if (password.length < LIMITS.passwordMin) problems.add(field, 'ERR_TOO_SHORT', `is too short (minimum is ${LIMITS.passwordMin} characters)`);
  else if (password.length > LIMITS.passwordMax) problems.add(field, 'ERR_TOO_LONG', `is too long (maximum is ${LIMITS.passwordMax} characters)`);
}

// Made once: building a segmenter costs far more than segmenting a post.
const graphemes = new Intl.Segmenter();
// Printable ASCII and \n: one character each (\r\n would be one grapheme, so \r is not here).
const SIMPLE = /^[\n\x20-\x7e]*$/;

/** Counts user-perceived characters, so an emoji counts once as people expect. */
export function characterCount(text: string): number {
  if (SIMPLE.test(text)) return text.length;
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

export function checkLength(field: string, value: string, max: number, problems: Problems): void {
  if (characterCount(value) > max) problems.add(field, 'ERR_TOO_LONG', `is too long (maximum is ${max} characters)`);
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function isLanguageCode(value: string): boolean {
  return LANGUAGE.test(value);
}
