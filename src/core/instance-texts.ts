// The instance's texts as apps and pages show them: its rules, privacy policy, terms of service and
// description, as the operator wrote them (see config-instance) or, for the policy and the terms,
// a default made for this server that says what Parley keeps and shares. Each carries the time
// it last changed, kept in the database (store/instance/texts), so it is the same for every process
// and survives restarts.
import type { Config } from '../config.ts';
import type { InstanceRule } from '../config-instance.ts';
import { memo } from '../infra/memo.ts';
import type { Db } from '../store/db.ts';
import { textSince } from '../store/instance/texts.ts';
import { plainTextToHtml } from './text/plain-to-html.ts';

export type InstanceTextName = 'privacy_policy' | 'terms_of_service' | 'extended_description';

export interface InstanceText {
  /** sanitised HTML */
  html: string;
  updatedAt: Date;
}

type Instance = Pick<Config, 'domain' | 'origin' | 'instance'>;

const contact = (c: Instance) => (c.instance.contactEmail ? `write to ${c.instance.contactEmail}` : `write to the administrators of ${c.domain}`);

function defaultPrivacyPolicy(c: Instance): string {
  const name = `${c.instance.title} (${c.domain})`;
  return `This policy says what ${name} keeps about the people who use it, why, and who else sees it.

What is kept: your username, e-mail address and a hash of your password; the network address you signed up from; your profile (display name, bio, fields) and settings; what you post, with its attachments, polls and earlier versions; whom you follow, block and mute; your favourites, bookmarks, lists, filters and reading positions; the apps you allowed to use your account; and when you last used the server.

Why: to run your account and to show what you share to the people you share it with. Nothing is sold, and nothing is used for advertising.

Who sees it: public and unlisted posts, your profile and, unless you hide them, the accounts you follow and that follow you, are public: anyone can read them, and other servers of the fediverse receive them. Followers-only posts go to your followers, here and on their servers; direct messages go to the people they mention, here and on their servers. The people who run this server, and those who run the servers your posts reach, can read what is stored there, direct messages included: do not share anything dangerous in them.

Deleting: you can delete your posts at any time; the servers they reached are asked to delete them too, but a server may keep copies this one cannot reach.

Cookies and storage: the web app keeps your sign-in in your browser's storage; the sign-in page sets a cookie to remember you there.

Questions: ${contact(c)}.`;
}

function defaultTerms(c: Instance): string {
  const name = `${c.instance.title} (${c.domain})`;
  const rules = c.instance.rules.length > 0 ? ` and its rules (${c.origin}/about)` : '';
  return `These terms apply to everyone who uses ${name}.

Using this server: you may use it to talk with people here and across the fediverse, within these terms${rules}. You are responsible for what you post. Do not post anything that is unlawful where this server is run.

Moderation: the people who run this server may remove what breaks these terms${rules ? ' or the rules' : ''}, and suspend the accounts that post it.

Your content: you keep your rights to what you post. You allow this server to store it and to deliver it to the people and servers it is addressed to, as the software does.

No warranty: the server is provided as it is, without any warranty. It may be unavailable at times, and it may close.

Changes: these terms may change; the date they took effect says when they last did.

Questions: ${contact(c)}.`;
}

export function createInstanceTexts(deps: { db: Db; config: Config }) {
  const { db, config } = deps;
  const sources: Record<InstanceTextName, string> = {
    privacy_policy: config.instance.privacyPolicy ?? defaultPrivacyPolicy(config),
    terms_of_service: config.instance.termsOfService ?? defaultTerms(config),
    extended_description: config.instance.description,
  };
  // A process's texts do not change while it runs: each is rendered and dated once.
  const once = (name: InstanceTextName) =>
    memo(Number.POSITIVE_INFINITY, async (): Promise<InstanceText> => ({ html: plainTextToHtml(sources[name]), updatedAt: await textSince(db, `text:${name}`, sources[name]) }));
  const texts = { privacy_policy: once('privacy_policy'), terms_of_service: once('terms_of_service'), extended_description: once('extended_description') };

  return {
    rules: (): readonly InstanceRule[] => config.instance.rules,
    text: (name: InstanceTextName): Promise<InstanceText> => texts[name](),
  };
}

export type InstanceTexts = ReturnType<typeof createInstanceTexts>;
